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
# Wall time of every step and suite (reruns included), and of every file of a suite, for the summary.
times=$(mktemp)
file_times=$(mktemp)
step() {
  local name=$1 start=$EPOCHREALTIME
  shift
  printf '\n\033[1;36m== %s ==\033[0m\n' "$name"
  if ! "$@"; then failed+=("$name"); fi
  elapsed "$start" "$name" >>"$times"
}
# `elapsed START NAME`: the seconds since START (an $EPOCHREALTIME) and NAME, one line.
elapsed() {
  awk -v a="$1" -v b="$EPOCHREALTIME" -v n="$2" 'BEGIN { printf "%7.1f  %s\n", b - a, n }'
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
    --coverage-dir="$coverage/${1//\//-}" 2>&1) | file_clock "$1" | tee "$log"
  return "${PIPESTATUS[0]}"
}
# Passes the output through and notes when bun starts reporting each test file (its `test/x.test.ts:`
# line): a file's time is from its line to the next one. Bun prints a file's line with its first
# result, so a file is charged its successor's set-up up to the first test; good enough to rank them.
file_clock() {
  local dir=$1 line current="" since=""
  while IFS= read -r line; do
    printf '%s\n' "$line"
    if [[ $line =~ ^([[:alnum:]_./-]+\.test\.tsx?):$ ]]; then
      [ -n "$current" ] && elapsed "$since" "$dir/$current" >>"$file_times"
      current=${BASH_REMATCH[1]} since=$EPOCHREALTIME
    fi
  done
  [ -n "$current" ] && elapsed "$since" "$dir/$current" >>"$file_times"
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
  suite_start=$EPOCHREALTIME
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
  elapsed "$suite_start" "bun test $dir" >>"$times"
done

if [ $# -eq 0 ]; then
  for extra in scripts/test-*.sh; do step "$extra" bash "$extra"; done
fi

echo
printf '\033[36mWall time (seconds), slowest first:\033[0m\n'
sort -rn "$times"
awk '{ s += $1 } END { printf "%7.1f  total\n", s }' "$times"
if [ -s "$file_times" ]; then
  printf '\033[36mSlowest test files (seconds, approximate):\033[0m\n'
  sort -rn "$file_times" | head -n 15
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
rm -rf "$log" "$failures" "$coverage" "$times" "$file_times"
echo "tests: ${passed_total} passed, ${failed_total} failed, ${#flaky[@]} flaky suites"
[ ${#failed[@]} -eq 0 ]
