#!/usr/bin/env bash
# The README's start command: installs what is missing (Node 24, pnpm, packages) and starts the
# engine. Until the API and workers exist, it runs the rules core on sample events and prints
# the clocks, breaches and fines they imply.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/runtime.sh"
ensure_runtime
cd "$ROOT"
exec node packages/domain/demo/demo.ts
