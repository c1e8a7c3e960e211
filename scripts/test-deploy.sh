#!/usr/bin/env bash
# Checks the Kubernetes manifests: every file parses, probes and limits are set, references resolve,
# and each service matches docker-compose.yml.
set -euo pipefail
cd "$(dirname "$0")/.."
exec bun deploy/check.ts
