# Sourced by the project's commands: makes sure the local PostgreSQL and Redis answer, starting
# them when they are down (a fresh machine of this kind has both installed but maybe stopped).
# Redis started here gets infra/redis.conf: append-only file on, maxmemory-policy noeviction.

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432; then return; fi
  log "PostgreSQL is down; starting it"
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start >&2
  else
    log "no local PostgreSQL cluster found; install PostgreSQL or point DATABASE_URL at one"; exit 1
  fi
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && return; sleep 0.5; done
  log "PostgreSQL did not come up"; exit 1
}

ensure_redis() {
  if redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    local policy
    policy="$(redis-cli -h 127.0.0.1 -p 6379 config get maxmemory-policy 2>/dev/null | tail -n 1)"
    [ "$policy" = "noeviction" ] || log "warning: Redis maxmemory-policy is '$policy'; BullMQ needs noeviction (infra/redis.conf)"
    return
  fi
  command -v redis-server >/dev/null 2>&1 || { log "no redis-server found; install Redis or point REDIS_URL at one"; exit 1; }
  log "Redis is down; starting it with infra/redis.conf"
  mkdir -p "$ROOT/.engine/redis"
  redis-server "$ROOT/infra/redis.conf" --daemonize yes --bind 127.0.0.1 --port 6379 \
    --dir "$ROOT/.engine/redis" --logfile "$ROOT/.engine/redis/redis.log" >&2
  for _ in $(seq 1 40); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && return; sleep 0.25; done
  log "Redis did not come up"; exit 1
}

ensure_services() {
  ensure_postgres
  ensure_redis
}
