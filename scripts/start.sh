#!/usr/bin/env bash
# The README's start command: installs what is missing (Node 24, pnpm, packages), starts the local
# PostgreSQL and Redis when they are down, migrates, creates the first admin, ingest, manager and finance keys (kept
# in .engine/, shown once at the start that creates them; later starts say where they are), and runs the whole engine (API and every worker) in the foreground
# until Ctrl-C. No demo data: the configured database is the user's, and its ledger is append-only.
#   ./scripts/start.sh          the engine on the configured database (DATABASE_URL, QUEUE_PREFIX)
#   ./scripts/start.sh --demo   (or DEMO=1) instead an engine on a demo database of its own
#                               (<database>_demo, queue prefix <prefix>-demo, keys in .engine/demo/),
#                               reset at each such start, into which scripts/demo-pipeline.ts posts
#                               the sample complaints; the configured database is not opened
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/runtime.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"

demo=0
case "${DEMO:-0}" in 0 | '') ;; *) demo=1 ;; esac
for arg in "$@"; do
  case "$arg" in
    --demo) demo=1 ;;
    -h | --help) sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) log "unknown argument '$arg' (usage: ./scripts/start.sh [--demo])"; exit 2 ;;
  esac
done

ensure_runtime
ensure_services
ensure_console_built
cd "$ROOT"

# The database name, queue prefix and port the engine will use (the config package's defaults apply).
settings() {
  node --input-type=module -e "import { loadConfig } from '@engine/config'; const c = loadConfig();
    console.log(decodeURIComponent(new URL(c.DATABASE_URL).pathname.slice(1)), c.QUEUE_PREFIX, c.PORT);"
}
settings_line="$(settings)" # a bad setting stops here, with the config package's message
read -r database prefix port <<<"$settings_line"
# A second engine could not bind the port, and the demo would then talk to the first one.
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  log "port $port is already in use (an engine still running?); stop it, or set PORT"
  exit 1
fi

if [ "$demo" = 1 ]; then
  log "demo: resetting the demo database ${database}_demo and queue prefix $prefix-demo"
  demo_settings="$(node scripts/demo-pipeline.ts prepare)"
  # Only the engine process gets the demo's settings; the demo script derives them itself.
  engine_env=(DATABASE_URL="${demo_settings%%$'\n'*}" QUEUE_PREFIX="${demo_settings#*$'\n'}")
  keys=.engine/demo
  created=(admin ingest manager finance) # new at each demo start
  where="DEMO database ${database}_demo (queue prefix $prefix-demo), reset at each --demo start;
  your database $database is not touched. Without --demo: your database, no demo"
else
  mkdir -p .engine
  created=()
  for role in admin ingest manager finance; do
    if [ ! -s ".engine/$role.key" ]; then
      node services/engine/src/cli.ts keys create --role "$role" --name "first $role key" > ".engine/$role.key"
      chmod 600 ".engine/$role.key"
      created+=("$role")
    fi
  done
  engine_env=()
  keys=.engine
  where="database $database (queue prefix $prefix): your data, no demo. The demo: ./scripts/start.sh --demo"
fi

# A key is shown at the start that creates it; after that, only where it is (a terminal's scrollback
# or a captured log should not hold working keys).
key_line() { # role, note
  if [[ " ${created[*]} " == *" $1 "* ]]; then
    printf '%-12s %s   (%s%s, shown this once)' "$1 key:" "$(cat "$keys/$1.key")" "$keys/$1.key" "$2"
  else
    printf '%-12s in %s%s   (cat it to see it)' "$1 key:" "$keys/$1.key" "$2"
  fi
}
cat >&2 <<BANNER

  Complaint and SLA engine (API and every worker) on http://127.0.0.1:$port   (OpenAPI: /docs)
  Console (managers, finance, admins): http://127.0.0.1:$port/console/   sign in with a key below
  Metrics: http://127.0.0.1:$port/metrics   queues: http://127.0.0.1:$port/admin/queues (admin key)
  $where
  $(key_line admin '')
  $(key_line ingest '')
  $(key_line manager ', every department')
  $(key_line finance '')

BANNER
env "${engine_env[@]}" node services/engine/src/main.ts &
engine=$!
trap 'kill -TERM "$engine" 2>/dev/null; wait "$engine"' INT TERM
if [ "$demo" = 1 ]; then node scripts/demo-pipeline.ts || log "the demo did not finish; the engine keeps running"; fi
wait "$engine"
