#!/usr/bin/env bash
# Runs every check: lint, build the web app (through turbo, so an unchanged app is not built again),
# type-check every package (one tsc program), then every package's test suite with line coverage,
# against real NATS, Redis and libSQL (each suite spawns its own servers on free ports), then the
# scripts/test-*.sh checks. Ends with the failures, the coverage table and the `tests: ...` line;
# exits non-zero on any failure.
#
# Two lanes run side by side (one per core): the web lane builds the storefront and runs the
# browser suites (the longest suite, mostly waiting on Chromium and the platform), the other lane
# lints, runs every other suite, type-checks (once the build has written the route types) and runs
# the scripts/test-*.sh checks. Each suite's output is printed whole when it ends, so the two
# lanes never interleave inside a suite. TEST_LANES=1 runs everything in one lane, in that order.
#
#   bash scripts/test.sh                       everything (what CI runs, through .ci/run)
#   bash scripts/test.sh apps/cart packages/db only these suites, one after another, same summary
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
script_start=$EPOCHREALTIME
# shellcheck source=ensure-tools.sh
source scripts/ensure-tools.sh --browser --compose --observe || exit 1
set +e
export TURBO_TELEMETRY_DISABLED=1 TURBO_NO_UPDATE_NOTIFIER=1

work=$(mktemp -d)
# What each step and suite ended as, one line each (`kind|name|status|passed|failed`), written by
# both lanes; and the wall time of every step and suite (reruns included) and of every test file.
results="$work/results"
times="$work/times"
file_times="$work/file-times"
failures="$work/failures"
coverage="$work/coverage"
mkdir -p "$coverage"
: >"$results" >"$times" >"$file_times" >"$failures"

# `elapsed START NAME`: the seconds since START (an $EPOCHREALTIME) and NAME, one line.
elapsed() {
  awk -v a="$1" -v b="$EPOCHREALTIME" -v n="$2" 'BEGIN { printf "%7.1f  %s\n", b - a, n }'
}
# `show FILE`: prints a finished step's or suite's output in one piece (a lock keeps the other
# lane from printing in the middle of it).
show() {
  { flock 9; cat "$1"; } 9>"$work/print.lock"
}

step() {
  local name=$1 start=$EPOCHREALTIME out status
  shift
  out=$(mktemp -p "$work")
  printf '\n\033[1;36m== %s ==\033[0m\n' "$name" >"$out"
  "$@" >>"$out" 2>&1
  status=$?
  show "$out"
  echo "step|$name|$status|0|0" >>"$results"
  elapsed "$start" "$name" >>"$times"
}

# The package's own `coverage` script (bun test --coverage), also writing lcov for the summary.
run_suite() {
  local dir=$1 log=$2
  (cd "$dir" && bun run coverage --coverage-reporter=text --coverage-reporter=lcov \
    --coverage-dir="$coverage/${dir//\//-}" 2>&1) | file_clock "$dir" >"$log"
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
  local name=$1 log=$2
  {
    flock 9
    if grep -qE '^\(fail\)' "$log"; then
      grep -B14 -E '^\(fail\)' "$log" | grep -E '^\(fail\)|[Ee]rror|Expected|Received|timed out|Timeout' |
        sed "s|^|  $name: |" >>"$failures"
    else
      # No test failed by name: the suite itself did not run (a load error, a crash); its last words.
      tail -n 6 "$log" | sed "s|^|  $name: |" >>"$failures"
    fi
  } 9>"$work/failures.lock"
}

suite() {
  local dir=$1 start=$EPOCHREALTIME log status p f again=""
  log=$(mktemp -p "$work")
  run_suite "$dir" "$log"
  status=$?
  { printf '\n\033[1;36m== bun test %s ==\033[0m\n' "$dir"; cat "$log"; } >"$log.shown"
  show "$log.shown"
  if [ "$status" -ne 0 ]; then
    record_failures "$dir" "$log"
    # One rerun tells a test that fails under a loaded machine from one that is broken; a flaky
    # suite is still named at the end so it gets fixed.
    run_suite "$dir" "$log"
    status=$?
    { printf '\n\033[1;33m== bun test %s failed: ran it once more ==\033[0m\n' "$dir"; cat "$log"; } >"$log.shown"
    show "$log.shown"
    if [ "$status" -eq 0 ]; then again=flaky; else record_failures "$dir (again)" "$log"; fi
  fi
  p=$(grep -Eo '^ *[0-9]+ pass' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  f=$(grep -Eo '^ *[0-9]+ fail' "$log" | tail -1 | grep -Eo '[0-9]+' || echo 0)
  echo "suite${again:+-$again}|bun test $dir|$status|${p:-0}|${f:-0}" >>"$results"
  elapsed "$start" "bun test $dir" >>"$times"
}

if [ $# -gt 0 ]; then
  for dir in "${@%/}"; do suite "$dir"; done
else
  others=()
  for dir in packages/* apps/*; do
    [ -d "$dir/test" ] && [ "$dir" != apps/web ] && others+=("$dir")
  done
  # The browser suites run the production build of the storefront; the build also writes the
  # route types (next-env.d.ts, .next/types) that type-checking the web app needs.
  web_lane() {
    step "next build (apps/web)" bun run build:web
    touch "$work/built"
    suite apps/web
  }
  other_lane() {
    step "biome ci" bun run lint
    for dir in "${others[@]}"; do suite "$dir"; done
    while [ ! -e "$work/built" ]; do sleep 2; done
    step "tsc --noEmit (every package, scripts, deploy, bench)" bun run typecheck
    for extra in scripts/test-*.sh; do step "$extra" bash "$extra"; done
  }
  if [ "${TEST_LANES:-2}" = 1 ]; then
    web_lane
    other_lane
  else
    # Each lane picks its test servers' ports from its own half of the range (packages/testing).
    (export MERCATO_TEST_PORTS=20000-26000 && web_lane) &
    web_pid=$!
    (export MERCATO_TEST_PORTS=26000-32000 && other_lane)
    wait "$web_pid"
  fi
fi

passed_total=$(awk -F'|' '{ s += $4 } END { print s + 0 }' "$results")
failed_total=$(awk -F'|' '{ s += $5 } END { print s + 0 }' "$results")
mapfile -t failed < <(awk -F'|' '$3 != 0 { print $2 }' "$results")
mapfile -t flaky < <(awk -F'|' '$1 == "suite-flaky" { print $2 }' "$results")

echo
printf '\033[36mWall time (seconds), slowest first:\033[0m\n'
sort -rn "$times"
printf '%7.1f  total (both lanes, side by side)\n' "$(awk -v a="$script_start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')"
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
rm -rf "$work"
echo "tests: ${passed_total} passed, ${failed_total} failed, ${#flaky[@]} flaky suites"
[ ${#failed[@]} -eq 0 ]
