#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine (the compose CLI parses and interpolates).
set -euo pipefail
cd "$(dirname "$0")/.."
export SERVICE_SECRET=compose-check-secret-0123456789abcdef BETTER_AUTH_SECRET=compose-check-secret-0123456789abcdef
if docker compose version >/dev/null 2>&1; then
  docker compose config -q && echo "docker compose config: ok"
elif command -v docker-compose >/dev/null 2>&1; then
  docker-compose config -q && echo "docker-compose config: ok"
else
  echo "no docker compose CLI on this machine: docker-compose.yml not validated (apt-get install docker-compose to check it)"
fi
