#!/usr/bin/env bash
# Starts the machine's PostgreSQL cluster if it is not accepting connections, then waits until it does.
# Used by .ci/run before the test suite, so the PostgreSQL store tests run against a real server.
set -euo pipefail

HOST="${PGHOST:-127.0.0.1}"
PORT="${PGPORT:-5432}"
WAIT_SECONDS="${PG_WAIT_SECONDS:-60}"

accepting() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -h "$HOST" -p "$PORT" -q
  else
    # Without the client tools, a bare TCP connect is the best signal we have.
    (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
  fi
}

if accepting; then
  echo "ensure-postgres: PostgreSQL is accepting connections on $HOST:$PORT"
  exit 0
fi

if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  echo "ensure-postgres: starting cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
else
  echo "ensure-postgres: PostgreSQL is not running and pg_ctlcluster is not available" >&2
  exit 1
fi

for _ in $(seq 1 "$WAIT_SECONDS"); do
  if accepting; then
    echo "ensure-postgres: PostgreSQL is up on $HOST:$PORT"
    exit 0
  fi
  sleep 1
done

echo "ensure-postgres: PostgreSQL did not accept connections on $HOST:$PORT within ${WAIT_SECONDS}s" >&2
exit 1
