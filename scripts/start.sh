#!/usr/bin/env bash
# The README's start command: installs what is missing (Node 24, pnpm, packages), starts the local
# PostgreSQL and Redis when they are down, migrates, creates the first admin, ingest, manager and finance keys (kept
# in .engine/, shown once here), and runs the whole engine (API and every worker) in the foreground
# until Ctrl-C, posting a few backdated demo complaints once it is up (scripts/demo-pipeline.ts).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/runtime.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"
ensure_runtime
ensure_services
cd "$ROOT"

mkdir -p .engine
for role in admin ingest manager finance; do
  if [ ! -s ".engine/$role.key" ]; then
    node services/engine/src/cli.ts keys create --role "$role" --name "first $role key" > ".engine/$role.key"
    chmod 600 ".engine/$role.key"
  fi
done

port="${PORT:-3000}"
cat >&2 <<BANNER

  Complaint and SLA engine (API and every worker) on http://127.0.0.1:$port   (OpenAPI: /docs)
  admin key:  $(cat .engine/admin.key)   (.engine/admin.key)
  ingest key: $(cat .engine/ingest.key)   (.engine/ingest.key)
  manager key: $(cat .engine/manager.key)   (.engine/manager.key, every department)
  finance key: $(cat .engine/finance.key)   (.engine/finance.key)

BANNER
node services/engine/src/main.ts &
engine=$!
trap 'kill -TERM "$engine" 2>/dev/null; wait "$engine"' INT TERM
if [ "${DEMO:-1}" != "0" ]; then node scripts/demo-pipeline.ts || log "the demo did not finish; the engine keeps running"; fi
wait "$engine"
