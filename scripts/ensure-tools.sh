#!/usr/bin/env bash
# Installs what Mercato needs on a fresh Debian machine that has only Node 20 and npm:
# Bun (from npm), nats-server and redis-server (from apt), Chromium when asked (from apt),
# Debian's docker-compose when asked (it validates docker-compose.yml; no Docker engine needed),
# Debian's prometheus (prometheus + promtool: deploy/prometheus checks and the live alert test) when
# asked, then the workspace's packages. Safe to run again: it installs only what is missing.
# Usage: source scripts/ensure-tools.sh [--browser] [--compose] [--observe]
set -euo pipefail

BUN_VERSION="1.4.5"
want_browser=false
want_compose=false
want_observe=false
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=true ;;
    --compose) want_compose=true ;;
    --observe) want_observe=true ;;
  esac
done

say() { printf '\033[36m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_updated=false
apt_install() {
  if ! $apt_updated; then
    say "apt-get update"
    as_root apt-get update -qq >/dev/null
    apt_updated=true
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# npm's global bin may not be on PATH (a custom prefix, a fresh HOME).
npm_bin="$(npm prefix -g 2>/dev/null)/bin"
case ":$PATH:" in *":$npm_bin:"*) ;; *) export PATH="$npm_bin:$PATH" ;; esac
export PATH="$PATH:/usr/sbin:/sbin"

if ! command -v bun >/dev/null 2>&1 || [ "$(bun --version 2>/dev/null)" != "$BUN_VERSION" ]; then
  say "installing Bun $BUN_VERSION from npm"
  npm install -g --silent "bun@$BUN_VERSION" >/dev/null 2>&1 || npm install -g "bun@$BUN_VERSION"
  hash -r
fi

missing=()
command -v nats-server >/dev/null 2>&1 || missing+=(nats-server)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if $want_browser && [ ! -x /usr/bin/chromium ]; then missing+=(chromium fonts-dejavu-core); fi
if $want_compose && ! command -v docker-compose >/dev/null 2>&1; then missing+=(docker-compose); fi
if $want_observe && ! command -v promtool >/dev/null 2>&1; then missing+=(prometheus); fi
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say "bun install"
(cd "$root" && bun install --frozen-lockfile 2>&1 | tail -n 1)
