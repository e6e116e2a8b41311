# Sourced by the project's commands: puts Node >= 22 and the pinned pnpm on PATH.
# Machines that only have an older Node get Node 24 from the npm registry (the
# node-linux-<arch> package ships the official binary), installed under .tools/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_VERSION_WANTED="24"
PNPM_VERSION="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$ROOT/package.json")"

log() { printf '\033[1;34m[engine]\033[0m %s\n' "$*" >&2; }

node_major() { command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ -x "$TOOLS/node/bin/node" ]; then export PATH="$TOOLS/node/bin:$PATH"; fi
  if [ "$(node_major)" -ge 22 ]; then return; fi
  command -v npm >/dev/null 2>&1 || { log "neither Node >= 22 nor npm found; install Node.js first"; exit 1; }
  local arch
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) log "unsupported CPU $(uname -m)"; exit 1 ;; esac
  log "Node $(node -v 2>/dev/null || echo none) is too old; installing Node $NODE_VERSION_WANTED from the npm registry into .tools/"
  rm -rf "$TOOLS/node-pkg" && mkdir -p "$TOOLS/node-pkg"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/node-pkg" "node-linux-$arch@$NODE_VERSION_WANTED" >&2
  mkdir -p "$TOOLS/node/bin"
  ln -sf "$TOOLS/node-pkg/node_modules/node-linux-$arch/bin/node" "$TOOLS/node/bin/node"
  export PATH="$TOOLS/node/bin:$PATH"
  log "using Node $(node -v)"
}

ensure_pnpm() {
  local bin="$TOOLS/pnpm/node_modules/.bin"
  if [ ! -x "$bin/pnpm" ] || [ "$("$bin/pnpm" --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    log "installing pnpm $PNPM_VERSION into .tools/"
    rm -rf "$TOOLS/pnpm" && mkdir -p "$TOOLS/pnpm"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/pnpm" "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$bin:$PATH"
}

ensure_dependencies() {
  # --frozen-lockfile: a fresh clone installs exactly what was tested.
  (cd "$ROOT" && pnpm install --frozen-lockfile --reporter=silent) >&2
}

ensure_runtime() {
  ensure_node
  ensure_pnpm
  ensure_dependencies
}

# The web console (services/console) is built by Vite into services/console/dist, which the API
# serves at /console/; built again when dist is missing or older than any of its sources.
ensure_console_built() {
  local console="$ROOT/services/console" stamp="$ROOT/services/console/dist/index.html"
  if [ -f "$stamp" ] && [ -z "$(find "$console/src" "$console/index.html" "$console/vite.config.ts" "$console/package.json" \
    "$ROOT/packages/client/src/generated/openapi.ts" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    return
  fi
  log "building the console (services/console -> dist/)"
  (cd "$console" && pnpm exec vite build --logLevel warn) >&2
}

# apt-get update at most once per run, and only when something has to be installed.
APT_UPDATED=""
apt_update_once() {
  [ -n "$APT_UPDATED" ] && return
  $(sudo_if_needed) apt-get update -qq >&2
  APT_UPDATED=1
}
sudo_if_needed() { [ "$(id -u)" = 0 ] || echo sudo; }

# The browser the console's end-to-end tests drive: Debian's Chromium and CJK fonts (never a browser download).
ensure_browser() {
  if [ -x /usr/bin/chromium ] && dpkg -s fonts-noto-cjk >/dev/null 2>&1; then return; fi
  command -v apt-get >/dev/null 2>&1 || { log "no /usr/bin/chromium and no apt-get: install Chromium and fonts-noto-cjk"; exit 1; }
  log "installing Chromium and fonts-noto-cjk (apt-get) for the console's browser tests"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive $(sudo_if_needed) apt-get install -y -qq chromium fonts-noto-cjk >&2
}

# promtool, which the metrics tests check /metrics and the alert rules with: the one binary taken out
# of Debian's prometheus package into .tools/ (installing the package would start a Prometheus server).
ensure_promtool() {
  if [ -n "${PROMTOOL:-}" ] || command -v promtool >/dev/null 2>&1; then return; fi
  local dir="$TOOLS/prometheus"
  if [ ! -x "$dir/usr/bin/promtool" ]; then
    command -v apt-get >/dev/null 2>&1 || { log "no promtool and no apt-get: install Prometheus's promtool"; exit 1; }
    log "fetching promtool (Debian's prometheus package, unpacked into .tools/prometheus) for the metrics tests"
    apt_update_once
    local download
    download="$(mktemp -d)" && chmod 755 "$download"
    (cd "$download" && apt-get download -qq prometheus >&2)
    rm -rf "$dir" && dpkg-deb -x "$download"/prometheus_*.deb "$dir"
    rm -rf "$download"
  fi
  export PROMTOOL="$dir/usr/bin/promtool"
}
