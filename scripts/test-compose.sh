#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: Debian's docker-compose parses it, checks
# it against the compose schema and interpolates it (scripts/ensure-tools.sh --compose installs it).
# Which services it runs, on which ports, is checked against the registry by deploy/check.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker-compose >/dev/null 2>&1; then
  echo "docker-compose is not installed: run 'source scripts/ensure-tools.sh --compose' (Debian's docker-compose)" >&2
  exit 1
fi
# The file refuses to interpolate without its secrets (every `${NAME:?...}` in it); any 32+
# characters do for a check, so each is given one, read from the file itself.
for name in $(grep -oE '\$\{[A-Z0-9_]+:\?' docker-compose.yml | sed -E 's/^\$\{//; s/:\?$//' | sort -u); do
  export "$name=compose-check-secret-0123456789abcdef"
done
docker-compose -f docker-compose.yml config -q
echo "docker-compose config: docker-compose.yml is valid"

# The same file with one misspelled option must be refused, or the check above checks nothing.
broken=$(mktemp --suffix=.yml)
trap 'rm -f "$broken"' EXIT
sed '/^  nats:$/a\    restrat: always' docker-compose.yml >"$broken"
if docker-compose -f "$broken" config -q 2>/dev/null; then
  echo "docker-compose accepted a misspelled option (restrat): it does not validate the file" >&2
  exit 1
fi
echo "docker-compose config: refuses a misspelled option, as it should"
