#!/usr/bin/env bash
# Runs every check: type-check the workspace, lint, then every test suite against real NATS,
# Redis and libSQL (each suite spawns its own servers on free ports). Exits non-zero on any failure.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=ensure-tools.sh
source scripts/ensure-tools.sh --browser --compose || exit 1
set +e

failed=()
flaky=()
step() {
  local name=$1
  shift
  printf '\n\033[1;36m== %s ==\033[0m\n' "$name"
  if ! "$@"; then failed+=("$name"); fi
}

step "biome ci" bun run lint
# The browser tests run the production build of the storefront; the build also writes the route
# types (next-env.d.ts, .next/types) that type-checking the web app needs.
step "next build (apps/web)" bun run build:web
step "tsc --noEmit (workspace and web app)" bun run typecheck

log=$(mktemp)
failures=$(mktemp)
run_suite() {
  (cd "$1" && bun test --timeout 60000 2>&1) | tee "$log"
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
for dir in packages/* apps/*; do
  [ -d "$dir/test" ] || continue
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

for extra in scripts/test-*.sh; do
  [ -f "$extra" ] || continue
  step "$extra" bash "$extra"
done

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
rm -f "$log" "$failures"
echo "tests: ${passed_total} passed, ${failed_total} failed, ${#flaky[@]} flaky suites"
[ ${#failed[@]} -eq 0 ]
