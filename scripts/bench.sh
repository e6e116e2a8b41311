#!/usr/bin/env bash
# Runs a benchmark by name (installs what is missing first): ./scripts/bench.sh domain
# Figures, with the machine they ran on, go in docs/BENCHMARKS.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/runtime.sh"
ensure_runtime
# The console's benchmark drives the built console in Chromium.
if [ "${1:-}" = console ]; then ensure_console_built; ensure_browser; fi
cd "$ROOT"
name="${1:-domain}"
[ -f "scripts/bench-$name.ts" ] || { log "no benchmark named $name (scripts/bench-*.ts)"; exit 2; }
exec node "scripts/bench-$name.ts"
