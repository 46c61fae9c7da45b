#!/usr/bin/env bash
# The pages of the monthly reporting at scale, against their ceiling on this machine.
#
# For each size in SIZES ("projects×months", default "100x36 1000x36"): fills a fresh database
# with `styr generate`, starts a release build on a loopback port, logs in as the development
# manager, issues a roll-up, and saves four pages (the portfolio, a project page, a report page
# and the roll-up) exactly as Styr serves them. nginx (Debian) then serves those same bytes from
# memory with gzip on, on another loopback port: the ceiling of a server that does no work but
# HTTP and compression. wrk loads each page on both, 16 connections, gzip asked for, and the
# script prints the requests per second side by side, the share of the ceiling Styr reaches, and
# Styr's resident memory at the end of each size's load.
#
# Installs wrk and nginx from Debian when they are missing (as root); stops everything it started.
#
#   benches/portfolio.sh                         # 100 and 1,000 projects × 36 months
#   SIZES="10000x36" DURATION=20 benches/portfolio.sh
set -euo pipefail
cd "$(dirname "$0")/.."

source benches/serve.sh
need wrk nginx
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
# nginx's workers run as another user when started as root: they must be able to read the pages.
chmod 755 "$work"

# wrk's requests per second for one page; fails when any answer was not a success (a page
# that answers with a redirect to the login form would otherwise look fast).
rps() {
    local url=$1
    shift
    local out
    out=$(wrk -t2 -c16 -d"${DURATION:-10}s" --timeout 30s -H "Accept-Encoding: gzip" "$@" "$url")
    if grep -q 'Non-2xx' <<<"$out"; then
        echo "$url: $(grep 'Non-2xx' <<<"$out")" >&2
        return 1
    fi
    awk '/Requests\/sec/{print $2}' <<<"$out"
}

echo "Styr $(git rev-parse --short HEAD), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "wrk and nginx $($nginx_bin -v 2>&1 | cut -d/ -f2) on the same machine, 16 connections, gzip"

for size in ${SIZES:-100x36 1000x36}; do
    projects=${size%x*}
    months=${size#*x}
    db="$work/bench-$size.db"
    started=$(date +%s)
    "$styr_bin" generate --projects "$projects" --months "$months" --database "$db" >/dev/null
    echo
    echo "== $projects projects × $months months (generated in $(($(date +%s) - started)) s)"

    start_styr "$db"
    log_in utvecklingschef

    # The pages: the portfolio; the project and report of the portfolio's first report link; a
    # roll-up of the last month, issued now.
    curl -s -b "$jar" "$base/portfolio" >"$work/portfolio.html"
    report=$(grep -o 'href="/projects/[0-9]*/reports/[0-9]*"' "$work/portfolio.html" | awk 'NR == 1' \
        | sed 's/href="//; s/"$//')
    project=${report%/reports/*}
    token=$(curl -s -b "$jar" "$base/rollups" \
        | grep -o 'name="csrf_token" value="[^"]*"' | awk 'NR == 1' | sed 's/.*value="//; s/"$//')
    period=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
    rollup=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" \
        --data-urlencode "csrf_token=$token" --data-urlencode "period=$period" "$base/rollups")
    rollup=${rollup#"$base"}
    [ -n "$report" ] && [ -n "$rollup" ] || { echo "no report or roll-up found" >&2; exit 1; }

    root="$work/www"
    mkdir -p "$root"
    pages=("portfolio:/portfolio" "project:$project" "report:$report" "rollup:$rollup")
    for page in "${pages[@]}"; do
        curl -s -b "$jar" "$base${page#*:}" >"$root/${page%%:*}.html"
    done

    ngx_port=$(free_port)
    mkdir -p "$work/nginx"
    cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    default_type text/html;
    open_file_cache max=16 inactive=1h;
    open_file_cache_valid 1h;
    sendfile on;
    tcp_nodelay on;
    gzip on;
    gzip_comp_level 1;
    gzip_min_length 0;
    server {
        listen 127.0.0.1:$ngx_port;
        root $root;
        location / { try_files \$uri.html =404; }
    }
}
EOF
    "$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" &
    ngx_pid=$!
    stop_also=("$ngx_pid")
    for _ in $(seq 1 50); do
        curl -sf "http://127.0.0.1:$ngx_port/portfolio" >/dev/null && break
        sleep 0.1
    done
    curl -sf "http://127.0.0.1:$ngx_port/portfolio" >/dev/null || { echo "nginx did not start" >&2; exit 1; }

    printf '%-10s %9s %12s %12s %8s\n' page bytes "styr req/s" "nginx req/s" share
    for page in "${pages[@]}"; do
        name=${page%%:*}
        path=${page#*:}
        styr=$(rps "$base$path" -H "Cookie: $cookie")
        ceiling=$(rps "http://127.0.0.1:$ngx_port/$name")
        printf '%-10s %9s %12s %12s %7s%%\n' "$name" "$(stat -c %s "$root/$name.html")" \
            "$styr" "$ceiling" "$(awk -v a="$styr" -v b="$ceiling" 'BEGIN{printf "%.0f", 100*a/b}')"
    done
    echo "styr resident memory after the load: $(awk '/VmRSS/{printf "%.1f MiB", $2/1024}' "/proc/$server/status")"

    kill "$ngx_pid" && wait "$ngx_pid" 2>/dev/null || true
    stop_also=()
    stop_styr
done
