#!/usr/bin/env bash
# Checks docs/deploy/nginx-styr.conf: that nginx accepts it, and that it does what
# docs/operations.md says, in front of two stand-in instances of Styr.
#
#   bash tests/deploy/check-nginx.sh
#
# In a temporary directory it makes a self-signed certificate, copies the configuration with the
# certificate paths, the log paths and the ports rewritten to that directory and to free loopback
# ports (and `fail_timeout` cut from 10 s to 1 s, so that the checks need not wait), runs
# `nginx -t`, then starts nginx in the foreground with its own prefix, pid file, logs and
# temporary paths, in front of two small Python HTTP servers (A and B) that answer with their own
# name and the forwarding headers they received. It checks that:
#   - plain HTTP is redirected (301) to the same path over HTTPS;
#   - HTTPS answers with HSTS, from A and B in turn (round robin), over HTTP/2 when curl can;
#   - X-Forwarded-For reaches Styr as the client's address alone, whatever the client sent in
#     that header, and X-Forwarded-Proto as https;
#   - when B answers 503 (as Styr does when its database does not answer), a GET is answered 200
#     by A, and a POST that B answered 503 is not sent again to A;
#   - when A is stopped, GETs and POSTs are answered 200 by B; when A is back and nginx's
#     fail_timeout has passed, B is stopped and A answers them all (a rolling restart).
# Installs nginx with apt-get when it is missing (as root; otherwise prints the command). Stops
# everything it started. Exits non-zero on any failure. Takes a few seconds.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
conf="$root/docs/deploy/nginx-styr.conf"
name=styr.example.se

say() { printf 'check-nginx: %s\n' "$*" >&2; }
fail() { say "FAIL: $*"; exit 1; }

# --- What it needs ------------------------------------------------------------------------------
nginx_bin="$(command -v nginx || true)"
[[ -z $nginx_bin && -x /usr/sbin/nginx ]] && nginx_bin=/usr/sbin/nginx
if [[ -z $nginx_bin ]]; then
    if [[ $(id -u) -eq 0 ]]; then
        say "installing Debian's nginx with apt-get"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx-light >/dev/null \
            || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
        nginx_bin=/usr/sbin/nginx
    else
        say "nginx is missing and this is not root, so it cannot be installed. Run:"
        say "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx"
        exit 1
    fi
fi
for tool in openssl curl python3; do
    command -v "$tool" >/dev/null || fail "$tool is needed"
done

# --- A temporary directory, and everything started is stopped -----------------------------------
tmp="$(mktemp -d /tmp/styr-nginx.XXXXXX)"
# As root, nginx's workers run as `nobody`: they must reach the temporary paths.
chmod 755 "$tmp"
nginx_pid=""
declare -A upstream_pid=()
cleanup() {
    local status=$?
    if [[ -n $nginx_pid ]]; then
        kill "$nginx_pid" 2>/dev/null || true
        wait "$nginx_pid" 2>/dev/null || true
    fi
    for pid in "${upstream_pid[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [[ $status -ne 0 && -d $tmp ]]; then
        for log in error.log styr.error.log; do
            [[ -s $tmp/$log ]] && { say "nginx's $log:"; sed 's/^/    /' "$tmp/$log" >&2; }
        done
    fi
    rm -rf "$tmp"
    exit "$status"
}
trap cleanup EXIT

# Four free loopback ports: HTTP, HTTPS, A and B.
read -r http_port https_port port_a port_b < <(python3 -c '
import socket
sockets = [socket.socket() for _ in range(4)]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in sockets))
for s in sockets:
    s.close()
')

# --- A self-signed certificate ------------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$name" \
    -addext "subjectAltName=DNS:$name" \
    -keyout "$tmp/privkey.pem" -out "$tmp/fullchain.pem" 2>/dev/null \
    || fail "openssl could not make a certificate"

# --- The configuration, rewritten to the temporary directory and ports ---------------------------
sed -e '/^[[:space:]]*#/d' \
    -e "s|listen 80;|listen 127.0.0.1:$http_port;|" \
    -e "s|listen 443 ssl|listen 127.0.0.1:$https_port ssl|" \
    -e '/listen \[::\]:/d' \
    -e "s|127\.0\.0\.1:8081|127.0.0.1:$port_a|" \
    -e "s|127\.0\.0\.1:8082|127.0.0.1:$port_b|" \
    -e 's|fail_timeout=10s|fail_timeout=1s|' \
    -e "s|/etc/ssl/styr/|$tmp/|" \
    -e "s|/var/log/nginx/|$tmp/|" \
    "$conf" >"$tmp/styr.conf"
# Whatever was not rewritten would be tested in place of the real thing: refuse it.
if grep -nE '808[12]|/etc/|/var/|\[::\]|listen (80|443)|fail_timeout=10s' "$tmp/styr.conf" >&2; then
    fail "these lines of $conf were not rewritten for the test: the check needs updating"
fi
user_line=""
if [[ $(id -u) -eq 0 ]]; then
    user_line="user nobody $(id -gn nobody);"
fi
cat >"$tmp/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $tmp/nginx.pid;
error_log $tmp/error.log warn;
events { worker_connections 64; }
http {
    access_log $tmp/access.log;
    client_body_temp_path $tmp/client_body;
    proxy_temp_path $tmp/proxy;
    fastcgi_temp_path $tmp/fastcgi;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;
    include $tmp/styr.conf;
}
EOF

nginx_args=(-p "$tmp/" -e "$tmp/error.log" -c "$tmp/nginx.conf")
say "nginx -t"
"$nginx_bin" "${nginx_args[@]}" -t 2>"$tmp/nginx-t.log" || { cat "$tmp/nginx-t.log" >&2; fail "nginx -t refused the configuration"; }

# --- Two stand-in instances ----------------------------------------------------------------------
# Each answers every GET and POST with its name and the forwarding headers it received, or 503
# while the file `<name>.unavailable` exists (and counts those in `<name>.unavailable.answered`);
# HTTP/1.1 with keep-alive, like Styr.
cat >"$tmp/upstream.py" <<'EOF'
import http.server, os, sys

name, port, flag = sys.argv[1], int(sys.argv[2]), sys.argv[3]

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if os.path.exists(flag):
            status, body = 503, "database unavailable\n"
            with open(flag + ".answered", "a") as answered:
                answered.write("503\n")
        else:
            status = 200
            body = "upstream=%s method=%s xff=%s proto=%s host=%s\n" % (
                name, self.command, self.headers.get("X-Forwarded-For"),
                self.headers.get("X-Forwarded-Proto"), self.headers.get("Host"))
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = answer

    def log_message(self, *args):
        pass

http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
EOF
start_upstream() { # NAME PORT
    python3 "$tmp/upstream.py" "$1" "$2" "$tmp/$1.unavailable" &
    upstream_pid[$1]=$!
}
start_upstream A "$port_a"
start_upstream B "$port_b"

"$nginx_bin" "${nginx_args[@]}" -g 'daemon off;' &
nginx_pid=$!

wait_for() { # URL
    for _ in $(seq 100); do
        curl -sk -o /dev/null --max-time 1 "$1" && return 0
        sleep 0.05
    done
    fail "nothing answers $1"
}
wait_for "http://127.0.0.1:$port_a/"
wait_for "http://127.0.0.1:$port_b/"
wait_for "https://127.0.0.1:$https_port/"

# curl through nginx by the server's name. Prints the status code, then the body.
https() { # [curl options...] PATH
    local path="${*: -1}"
    curl -sk --max-time 10 --resolve "$name:$https_port:127.0.0.1" \
        -w '%{http_code}\n' "${@:1:$#-1}" "https://$name:$https_port$path"
}
# The upstream that answered, from a body.
upstream_of() { sed -n 's/^upstream=\([A-Z]\).*/\1/p' <<<"$1"; }
# The status code: the last line.
status_of() { tail -n 1 <<<"$1"; }

# --- HTTP is redirected to HTTPS -----------------------------------------------------------------
say "plain HTTP is redirected to HTTPS"
redirect="$(curl -s -o /dev/null --max-time 5 -H "Host: $name" -w '%{http_code} %{redirect_url}' \
    "http://127.0.0.1:$http_port/projects?q=x")"
[[ $redirect == "301 https://$name/projects?q=x" ]] || fail "expected a 301 to https://$name/projects?q=x, got: $redirect"

# --- HTTPS, HSTS, the forwarding headers, round robin ---------------------------------------------
say "HTTPS answers with HSTS and the forwarding headers, from A and B in turn"
headers="$(curl -sk -o /dev/null -D - --max-time 5 --resolve "$name:$https_port:127.0.0.1" "https://$name:$https_port/")"
grep -qi '^strict-transport-security: max-age=63072000' <<<"$headers" || fail "no HSTS header in: $headers"
if curl -V | grep -q HTTP2; then
    version="$(curl -sk -o /dev/null --http2 -w '%{http_version}' --resolve "$name:$https_port:127.0.0.1" "https://$name:$https_port/")"
    [[ $version == 2 ]] || fail "expected HTTP/2, got HTTP/$version"
fi
order=""
for _ in 1 2 3 4; do
    answer="$(https -H 'X-Forwarded-For: 203.0.113.66' /)"
    [[ $(status_of "$answer") == 200 ]] || fail "expected 200, got: $answer"
    grep -q ' xff=127.0.0.1 proto=https host=styr.example.se$' <<<"$answer" \
        || fail "the forwarding headers are not what Styr needs: $answer"
    order+="$(upstream_of "$answer")"
done
[[ $order == ABAB || $order == BABA ]] || fail "expected A and B in turn, got $order"

# --- An instance answering 503 ------------------------------------------------------------------------
say "B answers 503: a GET is answered by A; a POST that B answered is not sent again"
touch "$tmp/B.unavailable"
# Two POSTs while both are in rotation: one goes to B first and gets its 503 (not resent to A),
# the other is answered by A.
posts=""
for _ in 1 2; do
    answer="$(https -X POST -d 'csrf_token=x' /)"
    posts+="$(status_of "$answer")$(upstream_of "$answer") "
done
[[ $posts == "503 200A " || $posts == "200A 503 " ]] || fail "expected one POST answered 503 and one by A, got: $posts"
# nginx now leaves B alone for fail_timeout (counted in whole seconds, so up to 2 s here). Once
# that has passed, one of these GETs goes to B again, gets 503 and is passed to A.
sleep 2.2
for _ in 1 2 3 4; do
    answer="$(https /)"
    [[ $(status_of "$answer") == 200 && $(upstream_of "$answer") == A ]] || fail "expected 200 from A, got: $answer"
done
[[ $(wc -l <"$tmp/B.unavailable.answered") -ge 2 ]] || fail "no GET was sent to B, so passing a 503 on was not tested"
rm "$tmp/B.unavailable"
sleep 2.2

# --- An instance stopped -------------------------------------------------------------------------
say "A stopped: GETs and POSTs are answered by B"
kill "${upstream_pid[A]}"
wait "${upstream_pid[A]}" 2>/dev/null || true
unset 'upstream_pid[A]'
# A POST first: nginx does not know yet that A is gone, so one of these two is sent to A, finds
# no one there, and is passed to B (nothing was sent, so even a POST is passed on).
for request in "-X POST -d csrf_token=x /" "-X POST -d csrf_token=x /" "/" "/" "/" "/"; do
    # shellcheck disable=SC2086
    answer="$(https $request)"
    [[ $(status_of "$answer") == 200 && $(upstream_of "$answer") == B ]] || fail "expected 200 from B, got: $answer"
done
grep -q "Connection refused) while connecting to upstream.*127.0.0.1:$port_a" "$tmp/styr.error.log" \
    || fail "nginx never tried the stopped instance A, so its failover was not tested"

# --- The rest of a rolling restart ------------------------------------------------------------------
say "A back, and once nginx uses it again (fail_timeout), B stopped: answered by A"
start_upstream A "$port_a"
wait_for "http://127.0.0.1:$port_a/"
sleep 2.2
kill "${upstream_pid[B]}"
wait "${upstream_pid[B]}" 2>/dev/null || true
unset 'upstream_pid[B]'
for request in "-X POST -d csrf_token=x /" "-X POST -d csrf_token=x /" "/" "/" "/" "/"; do
    # shellcheck disable=SC2086
    answer="$(https $request)"
    [[ $(status_of "$answer") == 200 && $(upstream_of "$answer") == A ]] || fail "expected 200 from A, got: $answer"
done

say "ok: nginx -t, redirect, HTTPS with HSTS, forwarding headers, round robin, 503, a stopped instance and a rolling restart"
