#!/usr/bin/env bash
# Runs every check: lint, build the web app and type-check every package (both through turbo, so
# an unchanged package is not checked again), then every package's test suite, one after another,
# with line coverage, against real NATS, Redis and libSQL (each suite spawns its own servers on
# free ports), then the scripts/test-*.sh checks. Ends with the failures, the coverage table and
# the `tests: ...` line; exits non-zero on any failure.
#
#   bash scripts/test.sh                       everything (what CI runs, through .ci/run)
#   bash scripts/test.sh apps/cart packages/db only these suites, with the same rerun and summary
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=ensure-tools.sh
source scripts/ensure-tools.sh --browser --compose --observe || exit 1
set +e
export TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1

failed=()
flaky=()
step() {
  local name=$1
  shift
  printf '\n\033[1;36m== %s ==\033[0m\n' "$name"
  if ! "$@"; then failed+=("$name"); fi
}

suites=("${@%/}")
if [ ${#suites[@]} -eq 0 ]; then
  step "biome ci" bun run lint
  # The browser tests run the production build of the storefront; the build also writes the route
  # types (next-env.d.ts, .next/types) that type-checking the web app needs.
  step "next build (apps/web)" bun run build:web
  step "tsc --noEmit (every package, scripts, deploy, bench)" bun run typecheck
  for dir in packages/* apps/*; do [ -d "$dir/test" ] && suites+=("$dir"); done
fi

log=$(mktemp)
failures=$(mktemp)
coverage=$(mktemp -d)
# The package's own `coverage` script (bun test --coverage), also writing lcov for the summary.
run_suite() {
  (cd "$1" && bun run coverage --coverage-reporter=text --coverage-reporter=lcov \
    --coverage-dir="$coverage/${1//\//-}" 2>&1) | tee "$log"
  return "${PIPESTATUS[0]}"
}
# What failed and why, kept for the summary at the end (a CI log is often read from its tail).
record_failures() {
  if grep -qE '^\(fail\)' "$log"; then
    grep -B14 -E '^\(fail\)' "$log" | grep -E '^\(fail\)|[Ee]rror|Expected|Received|timed out|Timeout' |
      sed "s|^|  $1: |" >>"$failures"
  else
    # No test failed by name: the suite itself did not run (a load error, a crash); its last words.
    tail -n 6 "$log" | sed "s|^|  $1: |" >>"$failures"
  fi
}

passed_total=0
failed_total=0
for dir in "${suites[@]}"; do
  printf '\n\033[1;36m== bun test %s ==\033[0m\n' "$dir"
  run_suite "$dir"
  status=$?
  if [ "$status" -ne 0 ]; then
    record_failures "$dir"
    # One rerun tells a test that fails under a loaded machine from one that is broken; a flaky
    # suite is still named at the end so it gets fixed.
    printf '\n\033[1;33m== bun test %s failed: running it once more ==\033[0m\n' "$dir"
    run_suite "$dir"
    status=$?
    if [ "$status" -eq 0 ]; then flaky+=("bun test $dir"); else record_failures "$dir (again)"; fi
  fi
  p=$(grep -Eo '^ *[0-9]+ pass' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  f=$(grep -Eo '^ *[0-9]+ fail' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  passed_total=$((passed_total + p))
  failed_total=$((failed_total + f))
  if [ "$status" -ne 0 ]; then failed+=("bun test $dir"); fi
done

if [ $# -eq 0 ]; then
  for extra in scripts/test-*.sh; do step "$extra" bash "$extra"; done
fi

echo
printf '\033[36mLine coverage, each package by its own suite:\033[0m\n'
bun scripts/coverage-summary.ts "$coverage"
echo
if [ -s "$failures" ]; then
  printf '\033[33mTest failures seen in this run:\033[0m\n'
  cat "$failures"
fi
if [ ${#flaky[@]} -gt 0 ]; then
  printf '\033[33mFLAKY (failed, then passed when run again):\033[0m %s\n' "${flaky[@]}"
fi
if [ ${#failed[@]} -gt 0 ]; then
  printf '\033[31mFAILED:\033[0m %s\n' "${failed[@]}"
fi
rm -rf "$log" "$failures" "$coverage"
echo "tests: ${passed_total} passed, ${failed_total} failed, ${#flaky[@]} flaky suites"
[ ${#failed[@]} -eq 0 ]
