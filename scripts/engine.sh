#!/usr/bin/env bash
# The operator's command line: keys, migrations, timer rebuild, replays. Provisions Node 24 and the
# packages, and starts PostgreSQL and Redis when they are down, like the other scripts.
#   bash scripts/engine.sh keys create --role finance --name "finance desk"
#   bash scripts/engine.sh replay period 2026-11 --policy fuling-2027
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/runtime.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"
ensure_runtime >&2
ensure_services >&2
cd "$ROOT"
exec node services/engine/src/cli.ts "$@"
