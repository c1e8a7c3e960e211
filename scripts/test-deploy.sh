#!/usr/bin/env bash
# Checks the deployment files: the checker's own tests (each feeds a broken manifest or compose file
# and expects the problem named), then deploy/check.ts on the real files: every file parses, the
# manifests pass the Kubernetes API schemas, probes and limits are set, references resolve, and
# docker-compose.yml and deploy/k8s run exactly the registry's services on their ports.
set -euo pipefail
cd "$(dirname "$0")/.."
bun test ./deploy
bun deploy/check.ts
