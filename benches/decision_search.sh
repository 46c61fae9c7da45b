#!/usr/bin/env bash
# The decision log's full-text search at two sizes of the log.
#
# For each number of years in YEARS (default "2 20": about 1,000 and 10,000 decisions): fills a
# fresh database with `styr generate --decision-years N` (100 projects, one month of reports),
# starts a release build on a loopback port, logs in as the development manager, and loads with
# wrk three pages of the log:
#   - recent: a search for "välfärdsteknikprogrammet", a word only the last two years' decisions
#     hold, so it finds about as many decisions at both sizes (the FTS5 index is read for the
#     matches alone: the time should not grow with the log);
#   - common: a search for "förvaltning", found in decisions of every year (it grows with them);
#   - plain: the first page of the log without a search (newest first).
# Prints the matches, the requests per second and wrk's mean and 99th-percentile latency, one
# connection (the time of one search) and 16 (throughput).
#
# Installs wrk from Debian when it is missing (as root); stops everything it started.
#
#   benches/decision_search.sh
#   YEARS="1 5 20" DURATION=5 benches/decision_search.sh
set -euo pipefail
cd "$(dirname "$0")/.."

source benches/serve.sh
need wrk

# "requests/s mean p99" for one page; fails when any answer was not a success.
load() {
    local connections=$1 url=$2
    shift 2
    local out
    out=$(wrk -t1 -c"$connections" -d"${DURATION:-10}s" --latency --timeout 30s "$@" "$url")
    if grep -q 'Non-2xx' <<<"$out"; then
        echo "$url: $(grep 'Non-2xx' <<<"$out")" >&2
        return 1
    fi
    local rps mean p99
    rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
    mean=$(awk '/^ +Latency/{print $2; exit}' <<<"$out")
    p99=$(awk '/^ +99%/{print $2}' <<<"$out")
    echo "$rps $mean $p99"
}

echo "Styr $(git rev-parse --short HEAD), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "wrk on the same machine, ${DURATION:-10} s per line"

pages=(
    "recent:/decisions?q=v%C3%A4lf%C3%A4rdsteknikprogrammet"
    "common:/decisions?q=f%C3%B6rvaltning"
    "plain:/decisions"
)

for years in ${YEARS:-2 20}; do
    db="$work/bench-$years.db"
    started=$(date +%s)
    generated=$("$styr_bin" generate --projects 100 --months 1 --decision-years "$years" \
        --database "$db")
    echo
    echo "== $years years of decisions: $generated (in $(($(date +%s) - started)) s)"

    start_styr "$db"
    log_in utvecklingschef

    printf '%-7s %8s | %9s %9s %9s | %9s %9s %9s\n' page matches "1c req/s" mean p99 \
        "16c req/s" mean p99
    for page in "${pages[@]}"; do
        name=${page%%:*}
        path=${page#*:}
        matches=$(curl -s -b "$jar" "$base$path" | grep -o 'role="status">[0-9 ]*' | head -1 \
            | grep -o '[0-9 ]*$' | tr -d ' ')
        read -r rps1 mean1 p991 < <(load 1 "$base$path" -H "Cookie: $cookie")
        read -r rps16 mean16 p9916 < <(load 16 "$base$path" -H "Cookie: $cookie")
        printf '%-7s %8s | %9s %9s %9s | %9s %9s %9s\n' "$name" "$matches" \
            "$rps1" "$mean1" "$p991" "$rps16" "$mean16" "$p9916"
    done

    stop_styr
done
