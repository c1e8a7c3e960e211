#!/usr/bin/env bash
# The short chaos run with replicas (~80-100 s on the shared two-core machine): two instances of
# every service, one instance of each killed -9 in turn under checkout load while its peer serves,
# then nats-server restarted and Redis stopped and started, malformed requests to the gateway; then
# the books must balance, every order must be final, every service ready, no singleton job may have
# run in two instances at once, and no kill may stop PAID orders for 2 s (#26). Non-zero exit on any
# violation. REPLICAS=1 runs the one-instance form (kill -9 inventory, orders, payments).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPLICAS="${REPLICAS:-2}" exec timeout 170 bun bench/chaos.ts --short
