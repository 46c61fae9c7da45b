#!/usr/bin/env bash
# Whole requests against a release build on loopback, with wrk: a project page and the register,
# with and without gzip, on one kept-alive connection and on sixteen. With SOAK_MINUTES=N it then
# loads the register from sixteen connections for N minutes and prints the server's resident
# memory every 30 seconds. Installs wrk from Debian when it is missing (as root), starts Styr on a
# free loopback port with a fresh demo database, and stops it afterwards.
#
#   benches/wrk.sh                  # the figures in docs/benchmarks.md
#   SOAK_MINUTES=10 benches/wrk.sh  # and the memory under steady load
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    else
        echo "wrk is missing: sudo apt-get install wrk" >&2
        exit 1
    fi
fi

cargo build --release --quiet
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
RUST_LOG=${RUST_LOG:-info} target/release/styr --demo --database "$work/bench.db" \
    --bind "127.0.0.1:$port" >"$work/stdout" 2>"$work/log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    curl -sf "$base/healthz" >/dev/null && break
    sleep 0.1
done

jar="$work/jar"
token=$(curl -s -c "$jar" -b "$jar" "$base/login" \
    | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
    --data-urlencode "csrf_token=$token" \
    --data-urlencode username=utvecklingschef --data-urlencode password=demo "$base/login")
[ "$status" = 303 ] || { echo "login failed: $status" >&2; exit 1; }
cookie=$(awk '$6=="styr_session"{print $6"="$7}' "$jar")
project=$(curl -s -b "$jar" "$base/projects" | grep -o 'href="/projects/[0-9]*"' | head -1 \
    | grep -o '[0-9]*')

run() {
    local label=$1 threads=$2 connections=$3 path=$4
    shift 4
    local out
    out=$(wrk -t"$threads" -c"$connections" -d"${DURATION:-10}s" --latency \
        -H "Cookie: $cookie" "$@" "$base$path")
    printf '%-46s %3s conn  %10s req/s  median %8s  99%% %8s\n' "$label" "$connections" \
        "$(awk '/Requests\/sec/{print $2}' <<<"$out")" \
        "$(awk '$1=="50%"{print $2}' <<<"$out")" \
        "$(awk '$1=="99%"{print $2}' <<<"$out")"
}

echo "Styr $(git rev-parse --short HEAD), $(nproc) cores, wrk on the same machine"
run "project page, gzip" 1 1 "/projects/$project" -H "Accept-Encoding: gzip"
run "project page, gzip" 2 16 "/projects/$project" -H "Accept-Encoding: gzip"
run "project page, no compression" 1 1 "/projects/$project"
run "register, gzip" 1 1 "/projects" -H "Accept-Encoding: gzip"
run "register, gzip" 2 16 "/projects" -H "Accept-Encoding: gzip"
run "register, no compression" 2 16 "/projects"

if [ -n "${SOAK_MINUTES:-}" ]; then
    rss() { awk '/VmRSS/{print $2 / 1024 " MiB"}' "/proc/$server/status"; }
    echo "soak: the register, gzip, 16 connections, $SOAK_MINUTES minutes; resident memory:"
    echo "  start: $(rss)"
    wrk -t2 -c16 -d"${SOAK_MINUTES}m" -H "Cookie: $cookie" -H "Accept-Encoding: gzip" \
        "$base/projects" >"$work/soak" &
    load=$!
    elapsed=0
    while kill -0 $load 2>/dev/null; do
        sleep 30
        elapsed=$((elapsed + 30))
        kill -0 $load 2>/dev/null && echo "  ${elapsed}s: $(rss)"
    done
    echo "  end: $(rss); $(awk '/Requests\/sec/{print $2}' "$work/soak") req/s"
fi
