#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks: Debian's PostgreSQL, started by
# initdb and pg_ctl as an unprivileged user in a temporary directory, listening on a loopback port
# only (no Unix socket), trusting loopback connections.
#
#   source tests/postgres/cluster.sh
#   pg_cluster_start      # sets STYR_PG_URL (postgres://styr@127.0.0.1:PORT/postgres) and PG_DIR
#   ...
#   pg_cluster_stop       # stops it and removes its directory
#
# For tests it runs without fsync (a crash only loses a throwaway cluster); with PG_DURABLE=1
# (the benchmarks) it keeps PostgreSQL's durable defaults.
#
# When PostgreSQL is missing it is installed with apt-get (as root; otherwise the command to run is
# printed). As root, the cluster runs as the user `nobody`, since PostgreSQL refuses to run as root.

pg_bin_dir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

pg_install() {
    if pg_bin_dir >/dev/null && command -v pg_dump >/dev/null && [ -e /usr/include/postgresql/libpq-fe.h ]; then
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "PostgreSQL is missing: run  sudo apt-get install -y postgresql libpq-dev" >&2
        return 1
    fi
    echo "== installing Debian's postgresql and libpq-dev" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql libpq-dev >&2
    # Debian's package creates and starts a cluster of its own; the tests use their own.
    if command -v pg_lsclusters >/dev/null; then
        pg_lsclusters -h 2>/dev/null | while read -r version name _; do
            pg_ctlcluster "$version" "$name" stop >/dev/null 2>&1 || true
        done
    fi
}

# Runs a command as the cluster's user.
pg_as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u nobody -- "$@"
    else
        "$@"
    fi
}

pg_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pg_cluster_start() {
    pg_install || return 1
    local bin
    bin=$(pg_bin_dir)
    PG_DIR=$(mktemp -d /tmp/styr-pg.XXXXXX)
    chmod 755 "$PG_DIR"
    if [ "$(id -u)" -eq 0 ]; then chown nobody "$PG_DIR"; fi
    PG_PORT=$(pg_free_port)
    pg_as_owner "$bin/initdb" -D "$PG_DIR/data" -U styr --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; return 1; }
    local options="-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories='' -c max_connections=400"
    if [ -z "${PG_DURABLE:-}" ]; then
        options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    pg_as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 -o "$options" \
        start >/dev/null \
        || { cat "$PG_DIR/server.log" >&2; return 1; }
    STYR_PG_URL="postgres://styr@127.0.0.1:$PG_PORT/postgres"
    export STYR_PG_URL PG_DIR PG_PORT
    echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)" >&2
}

pg_cluster_stop() {
    [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] || return 0
    pg_as_owner "$(pg_bin_dir)/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    unset PG_DIR
}
