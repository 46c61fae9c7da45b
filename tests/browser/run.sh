#!/usr/bin/env bash
# Styr's browser tests: walks the app in Chromium and checks every page with axe-core.
#
#   bash tests/browser/run.sh            # builds target/debug/styr, then runs the walks
#   STYR_BIN=path/to/styr bash tests/browser/run.sh   # uses that binary, no build
#
# Installs what is missing (Debian's chromium and fonts when run as root, the npm packages from
# the committed lockfile), and for each walk starts Styr on a free loopback port with a fresh demo
# database and stops it after. The walks, with `node --test`:
# walk.test.mjs (a tour of the pages), lifecycle.test.mjs (one project from idea to maintenance),
# reporting.test.mjs (a monthly report submitted and reviewed, the portfolio, and a roll-up
# issued and printed), meetings.test.mjs (a management group meeting from planning to printed
# minutes) and decisions.test.mjs (the decision log, the delegation list, action items and the
# monthly follow-up). The server is always stopped. Screenshots are written to
# target/browser-screenshots/. Exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium=/usr/bin/chromium
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

say() { printf 'browser-tests: %s\n' "$*" >&2; }

# --- Chromium and a font, from Debian -------------------------------------------------------
if [[ ! -x $chromium || ! -e $font ]]; then
    packages="chromium fonts-dejavu-core"
    if [[ $(id -u) -eq 0 ]]; then
        say "installing $packages with apt-get"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages
    else
        say "missing $chromium or the DejaVu fonts, and not root so cannot install them. Run:"
        say "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $packages"
        exit 1
    fi
fi

# --- Node 20+ and the npm packages -----------------------------------------------------------
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    say "node and npm are needed (Node 20 or newer; playwright-core requires it). Install Node.js 20+."
    exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if (( node_major < 20 )); then
    say "Node $(node --version) is too old: playwright-core needs Node 20 or newer."
    exit 1
fi

# node_modules is stale when it was not installed from the current lockfile.
stamp="$here/node_modules/.styr-lock.sha256"
lock_sum="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f $stamp || "$(cat "$stamp")" != "$lock_sum" ]]; then
    say "npm ci"
    (cd "$here" && npm ci --no-audit --no-fund)
    printf '%s\n' "$lock_sum" >"$stamp"
fi

# --- The binary -------------------------------------------------------------------------------
if [[ -n ${STYR_BIN:-} ]]; then
    bin="$STYR_BIN"
else
    say "cargo build --bin styr"
    (cd "$root" && cargo build --bin styr)
    bin="$root/target/debug/styr"
fi
if [[ ! -x $bin ]]; then
    say "no executable at $bin"
    exit 1
fi

# --- A server of our own, always stopped ------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/styr-browser.XXXXXX")"
server_pid=""
base=""

stop_server() {
    if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
cleanup() {
    local status=$?
    stop_server
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_log() {
    say "server log of $1 (last 40 lines):"
    tail -n 40 "$work/$1.log" >&2 || true
}

healthy() {
    node -e '
        fetch(process.argv[1]).then(r => r.text().then(t => process.exit(r.ok && t === "ok" ? 0 : 1)),
                                    () => process.exit(1));
    ' "$base/healthz"
}

# Starts Styr for the walk `$1` with a fresh demo database ($work/$1.db, its log $work/$1.log) on a
# free loopback port, sets `base` and `server_pid`, and waits until it is healthy.
start_server() {
    local name=$1 port
    port="$(node -e '
        const s = require("net").createServer();
        s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });
    ')"
    base="http://127.0.0.1:$port"
    say "starting $bin on $base with a fresh demo database for $name"
    env -u STYR_SESSION_KEY -u DATABASE_URL -u STYR_BIND -u STYR_SECURE_COOKIES \
        RUST_LOG="${RUST_LOG:-warn}" \
        "$bin" --database "$work/$name.db" --demo --bind "127.0.0.1:$port" >"$work/$name.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        if ! kill -0 "$server_pid" 2>/dev/null; then
            say "the server exited before it became healthy"
            return 1
        fi
        if healthy; then return 0; fi
        sleep 0.1
    done
    say "the server did not answer /healthz within 10 s"
    return 1
}

# --- The walks ---------------------------------------------------------------------------------
# One file after the other (node --test would run them side by side, or sorted), each against a
# server of its own with a fresh demo database: what a walk changes (walk.test.mjs counts the demo
# projects and adds one, lifecycle.test.mjs adds one, reporting.test.mjs submits this month's
# report of a demo project and issues a roll-up) does not reach the next, and the login throttle
# (five logins per username, then one every three minutes) counts each walk's logins alone. All
# always run.
cd "$here"
export STYR_SCREENSHOTS="$root/target/browser-screenshots" CHROMIUM="$chromium"
failed=0
for file in walk.test.mjs lifecycle.test.mjs reporting.test.mjs meetings.test.mjs decisions.test.mjs; do
    name="${file%.test.mjs}"
    if ! start_server "$name"; then
        show_log "$name"
        exit 1
    fi
    say "node --test $file"
    if ! STYR_URL="$base" node --test --test-reporter=spec "$file"; then
        failed=1
        show_log "$name"
    fi
    stop_server
done
exit "$failed"
