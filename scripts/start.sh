#!/usr/bin/env bash
# Starts the whole platform with demo data on a fresh machine: installs what is missing, then
# runs the dev launcher (`bun dev`), which starts NATS and Redis if none answer, migrates and
# seeds every service, and prints the URLs and demo logins.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=ensure-tools.sh
source scripts/ensure-tools.sh
exec bun run dev "$@"
