#!/usr/bin/env bash
# Every test Styr has: unit, command line and HTTP integration tests on SQLite; the HTTP tests
# again on PostgreSQL, with the tests of several instances on one PostgreSQL database and of a
# restored pg_dump; the PostgreSQL migrations checked against SQLite's; the nginx configuration of
# docs/operations.md; then the browser tests with axe-core.
#
# On a fresh Debian/Ubuntu machine with Rust, this installs what the tests lack when run as root
# (PostgreSQL and libpq-dev, nginx, Chromium and fonts through apt-get; npm packages from the
# committed lockfile), and starts a throwaway PostgreSQL cluster on a loopback port for the run.
set -euo pipefail
cd "$(dirname "$0")/.."

source tests/postgres/cluster.sh
# libpq is needed to link Styr at all.
pg_install
trap pg_cluster_stop EXIT

echo "== cargo test (SQLite)"
cargo test --all-targets

echo "== PostgreSQL"
pg_cluster_start
echo "== the PostgreSQL migrations beside SQLite's"
bash tests/postgres/check-migrations.sh
echo "== HTTP tests on PostgreSQL"
STYR_TEST_POSTGRES="$STYR_PG_URL" cargo test --test http
echo "== several instances on one PostgreSQL database, and a restored dump"
# One at a time: each starts Styr processes of its own, and the shutdown test times a request in
# flight, which CPU starvation from the others' demo seeding would upset.
STYR_TEST_POSTGRES="$STYR_PG_URL" cargo test --test instances -- --include-ignored --test-threads=1
pg_cluster_stop

echo "== nginx in front of two instances (docs/deploy)"
bash tests/deploy/check-nginx.sh

echo "== browser tests"
cargo build --bin styr
STYR_BIN="$PWD/target/debug/styr" bash tests/browser/run.sh
