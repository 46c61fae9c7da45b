# What the benchmark scripts share, sourced by them: the Debian packages they need, a release
# build, a work directory removed at exit, and a Styr served on a loopback port with a logged-in
# session. A script that starts more (nginx) adds to `stop_also`.
#
#   source "$(dirname "$0")/serve.sh"
#   need wrk nginx          # installs what is missing (as root), else says how
#   start_styr "$db"        # sets $server (its pid) and $base (its address)
#   log_in utvecklingschef  # sets $jar (curl's cookie file) and $cookie (the header's value)
#   stop_styr

# Installs the commands named (Debian packages of the same names) that are missing.
need() {
    local missing=() name
    for name in "$@"; do
        command -v "$name" >/dev/null || [ -x "/usr/sbin/$name" ] || missing+=("$name")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "missing: ${missing[*]}: sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
}

cargo build --release --quiet
styr_bin="${CARGO_TARGET_DIR:-target}/release/styr"
work=$(mktemp -d)
server=
stop_also=()
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    local pid
    # A process may have ended already; the cleanup goes on regardless (it runs under set -e).
    for pid in "${stop_also[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Serves the database at $1 on a free loopback port and waits until it answers.
start_styr() {
    local port
    port=$(free_port)
    base="http://127.0.0.1:$port"
    RUST_LOG=warn "$styr_bin" --database "$1" --bind "127.0.0.1:$port" \
        >"$work/stdout" 2>"$work/log" &
    server=$!
    for _ in $(seq 1 100); do
        curl -sf "$base/healthz" >/dev/null && break
        sleep 0.1
    done
}

stop_styr() {
    kill "$server" && wait "$server" 2>/dev/null || true
    server=
}

# Logs in as the demo user $1 (password `demo`) through the login form, as a browser would.
log_in() {
    jar="$work/jar"
    rm -f "$jar"
    local token status
    token=$(curl -s -c "$jar" -b "$jar" "$base/login" \
        | grep -o 'name="csrf_token" value="[^"]*"' | awk 'NR == 1' | sed 's/.*value="//; s/"$//')
    status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
        --data-urlencode "csrf_token=$token" \
        --data-urlencode "username=$1" --data-urlencode password=demo "$base/login")
    [ "$status" = 303 ] || { echo "login failed: $status" >&2; exit 1; }
    cookie=$(awk '$6=="styr_session"{print $6"="$7}' "$jar")
}
