#!/usr/bin/env bash
# The short chaos run (< 90 s): kill -9 inventory, orders and payments under checkout load,
# restart nats-server, stop and start Redis, malformed requests to the gateway; then the books
# must balance, every order must be final and every service ready. Non-zero exit on any violation.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec timeout 170 bun bench/chaos.ts --short
