#!/usr/bin/env bash
# Checks the observability files: promtool check config and rules on deploy/prometheus, the alert
# rules' unit tests (promtool test rules), that prometheus.yml is what the registry generates, and
# the Grafana dashboards (parse, required panels, datasource uid, every metric exists).
# Needs Debian's prometheus package: `source scripts/ensure-tools.sh --observe`.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v promtool >/dev/null || { echo "promtool missing: source scripts/ensure-tools.sh --observe" >&2; exit 1; }
bun deploy/prometheus/config.ts | diff -u deploy/prometheus/prometheus.yml - ||
  { echo "deploy/prometheus/prometheus.yml is stale: bun deploy/prometheus/config.ts --write" >&2; exit 1; }
promtool check config deploy/prometheus/prometheus.yml
promtool check rules deploy/prometheus/rules.yml
(cd deploy/prometheus && promtool test rules rules.test.yml)
bun deploy/grafana/check.ts
