#!/usr/bin/env bash
# The portfolio and a project page at 1,000 projects × 36 months on SQLite, on PostgreSQL with one
# instance (alone, and behind nginx, to tell the proxy's cost apart), and on PostgreSQL with two
# instances behind nginx (round robin, as in docs/deploy/nginx-styr.conf without TLS), in one run
# on this machine, with wrk on loopback.
#
# PostgreSQL is a throwaway cluster (tests/postgres/cluster.sh: Debian's PostgreSQL, initdb and
# pg_ctl in a temporary directory, loopback only), started with its durable defaults (fsync on);
# nginx and wrk come from Debian. The same generated portfolio is written to both databases by
# `styr generate`. Installs what is missing (as root); stops everything it started.
#
#   benches/backends.sh                              # 1000 × 36, 10 s per measurement
#   SIZE=100x36 DURATION=20 benches/backends.sh
set -euo pipefail
cd "$(dirname "$0")/.."

source benches/serve.sh
need wrk nginx
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
export PG_DURABLE=1
source tests/postgres/cluster.sh

size=${SIZE:-1000x36}
projects=${size%x*}
months=${size#*x}

# wrk's requests per second and mean latency for one page; fails when any answer was not a success.
measure() {
    local out
    out=$(wrk -t2 -c16 -d"${DURATION:-10}s" --timeout 30s -H "Accept-Encoding: gzip" \
        -H "Cookie: $cookie" "$1")
    if grep -q 'Non-2xx' <<<"$out"; then
        echo "$1: $(grep 'Non-2xx' <<<"$out")" >&2
        return 1
    fi
    printf '%s req/s, %s' "$(awk '/Requests\/sec/{print $2}' <<<"$out")" \
        "$(awk '/Latency/{print $2; exit}' <<<"$out")"
}

# One request alone: the time a person waits, best of five.
alone() {
    local best=999 t
    for _ in 1 2 3 4 5; do
        t=$(curl -s -o /dev/null -w '%{time_total}' -H "Accept-Encoding: gzip" -H "Cookie: $cookie" "$1")
        best=$(awk -v a="$t" -v b="$best" 'BEGIN{print (a < b) ? a : b}')
    done
    awk -v t="$best" 'BEGIN{printf "%.1f ms", t * 1000}'
}

# The portfolio and the first project it links to, at $1 (a base address).
pages() {
    local at=$1 project
    project=$(curl -s -H "Cookie: $cookie" "$at/portfolio" \
        | grep -o 'href="/projects/[0-9]*"' | awk 'NR == 1' | sed 's/href="//; s/"$//')
    [ -n "$project" ] || { echo "no project on the portfolio" >&2; exit 1; }
    printf '%-34s %-12s %-34s %s\n' "$2" portfolio "$(measure "$at/portfolio")" "$(alone "$at/portfolio")"
    printf '%-34s %-12s %-34s %s\n' "" project "$(measure "$at$project")" "$(alone "$at$project")"
}

echo "Styr $(git rev-parse --short HEAD), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "$projects projects × $months months; wrk 16 connections, 2 threads, ${DURATION:-10} s, gzip; alone: best of 5"

# SQLite.
db="$work/bench.db"
started=$(date +%s)
"$styr_bin" generate --projects "$projects" --months "$months" --database "$db" >/dev/null
echo "generated on SQLite in $(($(date +%s) - started)) s"

# PostgreSQL: the same portfolio.
pg_cluster_start
trap 'pg_cluster_stop; cleanup' EXIT
pg_db="${STYR_PG_URL%/*}/styr_bench"
psql -q "$STYR_PG_URL" -c "CREATE DATABASE styr_bench"
started=$(date +%s)
"$styr_bin" generate --projects "$projects" --months "$months" --database "$pg_db" >/dev/null
echo "generated on PostgreSQL $(psql -Atc 'SHOW server_version' "$STYR_PG_URL") in $(($(date +%s) - started)) s"
echo
printf '%-34s %-12s %-34s %s\n' setup page "under load" alone

start_styr "$db"
log_in utvecklingschef
pages "$base" "SQLite, one instance"
stop_styr

STYR_SESSION_KEY=$(head -c 64 /dev/urandom | base64 -w0)
export STYR_SESSION_KEY
start_styr "$pg_db"
first=$server
first_base=$base
log_in utvecklingschef
pages "$first_base" "PostgreSQL, one instance"

# nginx in front of the instances at the addresses given (round robin, keep-alive), on a free
# port; sets $proxy (its address) and adds its pid to what is stopped at the end.
proxy_to() {
    local port servers="" address
    port=$(free_port)
    for address in "$@"; do servers="$servers        server ${address#http://};"$'\n'; done
    mkdir -p "$work/nginx-$port"
    cat >"$work/nginx-$port/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx-$port/nginx.pid;
error_log $work/nginx-$port/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    upstream styr {
$servers        keepalive 32;
    }
    server {
        listen 127.0.0.1:$port;
        location / {
            proxy_pass http://styr;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
        }
    }
}
CONF
    "$nginx_bin" -c "$work/nginx-$port/nginx.conf" -p "$work/nginx-$port" &
    stop_also+=("$!")
    proxy="http://127.0.0.1:$port"
    for _ in $(seq 1 50); do
        curl -sf "$proxy/healthz" >/dev/null && return 0
        sleep 0.1
    done
    echo "nginx did not start" >&2
    exit 1
}

proxy_to "$first_base"
pages "$proxy" "PostgreSQL, one instance, nginx"
kill "${stop_also[-1]}" && wait "${stop_also[-1]}" 2>/dev/null || true
unset 'stop_also[-1]'

# A second instance on the same database, and nginx in front of both.
start_styr "$pg_db"
second=$server
stop_also+=("$first")
proxy_to "$first_base" "$base"
pages "$proxy" "PostgreSQL, two instances, nginx"
echo "resident memory after the load: $(awk '/VmRSS/{printf "%.1f", $2/1024}' "/proc/$first/status") and $(awk '/VmRSS/{printf "%.1f MiB", $2/1024}' "/proc/$second/status")"
