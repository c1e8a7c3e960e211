#!/usr/bin/env bash
# The short chaos run (< 90 s): kill -9 inventory, orders and payments under checkout load,
# restart nats-server, stop and start Redis, malformed requests to the gateway; then the books
# must balance, every order must be final and every service ready. Non-zero exit on any violation.
# REPLICAS=2 runs it with two instances of every service, one of each killed in turn while its
# peer serves, and also checks that no singleton job ran twice at once and that no kill stopped
# PAID orders for 2 s (#26; ~80-100 s). CI runs the one-instance form: the replicas form's 2 s
# pause limit has too thin a margin at the load of CI's two lanes (1.8 s seen at load 24) to be a
# reliable gate; see docs/SCALING.md, "The chaos run with replicas".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPLICAS="${REPLICAS:-1}" exec timeout 170 bun bench/chaos.ts --short
