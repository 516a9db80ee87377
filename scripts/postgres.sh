#!/usr/bin/env bash
# A throwaway local PostgreSQL 15 cluster for the tests and benchmarks of the shared catalog.
#
#   scripts/postgres.sh start   create the cluster once, start it (idempotent), wait until it answers
#   scripts/postgres.sh stop    stop it if it runs (idempotent)
#   scripts/postgres.sh url     print the postgres:// URL of its `postgres` database
#   scripts/postgres.sh status  say whether it runs
#   scripts/postgres.sh cert    print the path of the server's self-signed certificate (for sslrootcert)
#
# The cluster lives outside the repository, in $LIKENESS_PG_DIR (default /var/tmp/likeness-postgres-<id>,
# where <id> is derived from this checkout's path, so two checkouts on one machine never share or stop
# each other's server). It listens on 127.0.0.1 only, on $LIKENESS_PG_PORT (default 54000-54999, derived
# the same way), with trust authentication: it is for tests on this machine, never for data. It serves TLS
# with a self-signed certificate made for it (naming localhost only, so that connecting to 127.0.0.1
# with sslmode=verify-full shows a name mismatch), and plain connections too.
# initdb refuses to run as root, so as root the cluster is run as the `postgres` user that Debian's
# `postgresql` package creates (`make setup` installs it).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
id="$(printf '%s' "$here" | sha1sum | cut -c1-8)"
dir="${LIKENESS_PG_DIR:-/var/tmp/likeness-postgres-$id}"
port="${LIKENESS_PG_PORT:-$((54000 + 0x${id:0:4} % 1000))}"
data="$dir/data"
log="$dir/server.log"
cert="$dir/server.crt"
key="$dir/server.key"

bin=""
for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
  if [ -x "$candidate/pg_ctl" ]; then bin="$candidate"; break; fi
done

say() { printf 'postgres: %s\n' "$*" >&2; }

# Runs a server program as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

require_binaries() {
  if [ -z "$bin" ]; then
    say "PostgreSQL is not installed (no pg_ctl under /usr/lib/postgresql); run \`make setup\`"
    exit 1
  fi
}

running() { [ -n "$bin" ] && [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; }

start() {
  require_binaries
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    say "creating a test cluster in $data"
    as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if running; then
    say "already running on port $port"
    return
  fi
  # Another checkout's cluster (or any server) on our port: say so instead of failing obscurely.
  if as_owner "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 1; then
    say "port $port is taken by another server; set LIKENESS_PG_PORT to a free port"
    exit 1
  fi
  if [ ! -f "$cert" ] || [ ! -f "$key" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost" -keyout "$key" -out "$cert" 2>/dev/null
    chmod 600 "$key"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$cert" "$key"; fi
  fi
  # Sockets go to the cluster's own folder: /var/run/postgresql may not exist or be writable.
  as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=100 -c ssl=on -c ssl_cert_file=$cert -c ssl_key_file=$key" \
    start >/dev/null
  as_owner "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 30
  say "running on 127.0.0.1:$port (data $data, log $log)"
}

stop() {
  if running; then
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
    say "stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) printf 'postgres://postgres@127.0.0.1:%s/postgres\n' "$port" ;;
  cert) printf '%s\n' "$cert" ;;
  status) if running; then echo "running on 127.0.0.1:$port"; else echo "stopped"; exit 3; fi ;;
  *) say "usage: $0 start|stop|url|status|cert"; exit 2 ;;
esac
