#!/usr/bin/env bash
# Checks that `REPLICAS=2 bun dev` starts: every service twice, the gateway up, a clean stop (#26).
# Ports from MERCATO_TEST_PORTS (default 27000-...), its own NATS, Redis and data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
CHECK_TIMEOUT_MS="${CHECK_TIMEOUT_MS:-300000}" bun scripts/check-dev-replicas.ts
