#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks: loopback only, a free port, data under
# the system temp folder, durability off (fsync, synchronous_commit, full_page_writes), one login role
# allowed to create databases (the tests make one database each).
#
#   eval "$(build/postgres-test-server.sh start)"   # starts it (or reuses this checkout's) and exports
#                                                    # ORC_TEST_POSTGRES (connection string) and
#                                                    # ORC_TEST_POSTGRES_DIR (its folder)
#   build/postgres-test-server.sh stop              # stops it and deletes its folder
#   build/postgres-test-server.sh status            # prints the connection string if it runs
#
# Installs PostgreSQL with apt-get when no server binaries are found. As root, the server runs as the
# `postgres` user (initdb refuses root). Messages go to stderr; stdout carries only the export lines.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
# One server per checkout: its folder is remembered here (artifacts/ is git-ignored).
state_file="$here/artifacts/postgres-test-server.env"
role=orc_test
database=orc_test

say() { echo "postgres-test-server: $*" >&2; }

server_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

install_postgres() {
  say "PostgreSQL server binaries not found; installing with apt-get"
  if [ "$(id -u)" -ne 0 ]; then say "error: installing PostgreSQL needs root"; exit 1; fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
  # Debian starts a cluster of its own on 5432; ours never uses it, and it may not even be running.
}

# Runs a server binary as the user that owns the cluster.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    echo $((20000 + RANDOM % 20000))
  fi
}

print_exports() {
  # shellcheck disable=SC1090
  . "$state_file"
  printf "export ORC_TEST_POSTGRES='%s'\nexport ORC_TEST_POSTGRES_DIR='%s'\n" "$ORC_TEST_POSTGRES" "$ORC_TEST_POSTGRES_DIR"
}

is_running() {
  [ -f "$state_file" ] || return 1
  # shellcheck disable=SC1090
  . "$state_file"
  local bin
  bin=$(server_bin_dir) || return 1
  [ -d "$ORC_TEST_POSTGRES_DIR/data" ] && as_owner "$bin/pg_ctl" -D "$ORC_TEST_POSTGRES_DIR/data" status >/dev/null 2>&1
}

start() {
  if is_running; then
    say "already running ($ORC_TEST_POSTGRES_DIR)"
    print_exports
    return 0
  fi
  local bin
  bin=$(server_bin_dir) || { install_postgres; bin=$(server_bin_dir) || { say "error: no initdb after installing"; exit 1; }; }

  local started=$SECONDS dir password port attempt
  dir=$(mktemp -d "${TMPDIR:-/tmp}/orc-postgres.XXXXXX")
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  password=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')

  as_owner "$bin/initdb" --no-sync --no-instructions -D "$dir/data" -U postgres -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; say "error: initdb failed"; exit 1; }

  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start -o \
        "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off \
         -c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB" >/dev/null 2>&1; then
      break
    fi
    port=""
  done
  [ -n "$port" ] || { tail -n 20 "$dir/server.log" >&2; say "error: the server did not start"; exit 1; }

  as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres >/dev/null <<SQL
CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
CREATE DATABASE $database OWNER $role;
SQL

  mkdir -p "$(dirname "$state_file")"
  cat >"$state_file" <<EOF
ORC_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$database'
ORC_TEST_POSTGRES_DIR='$dir'
EOF
  say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $dir ($((SECONDS - started)) s)"
  print_exports
}

stop() {
  if [ ! -f "$state_file" ]; then say "not running"; return 0; fi
  # shellcheck disable=SC1090
  . "$state_file"
  local bin
  if bin=$(server_bin_dir) && [ -d "$ORC_TEST_POSTGRES_DIR/data" ]; then
    as_owner "$bin/pg_ctl" -D "$ORC_TEST_POSTGRES_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  case "$ORC_TEST_POSTGRES_DIR" in
    */orc-postgres.*) rm -rf "$ORC_TEST_POSTGRES_DIR" ;;
  esac
  rm -f "$state_file"
  say "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if is_running; then print_exports; else say "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
