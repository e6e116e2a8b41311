#!/usr/bin/env bash
# The README's test command: installs what is missing (Node 24, pnpm, packages), then runs the
# formatter/linter, the type checker and every test, and closes with one "N passed, N failed" line.
# Tests that need Postgres and Redis use the local servers (started if down), each run in a
# database and a queue prefix of its own.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/runtime.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"
ensure_runtime
ensure_services
ensure_console_built
ensure_browser
ensure_promtool
cd "$ROOT"

log "lint and format (biome)"
pnpm exec biome ci .
log "type check (tsc)"
pnpm exec tsc -p tsconfig.json
pnpm exec tsc -p services/console/tsconfig.json
log "tests (vitest)"
mkdir -p .test-results
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.test-results/vitest.json "$@" || status=$?
node scripts/lib/test-summary.ts .test-results/vitest.json
exit "$status"
