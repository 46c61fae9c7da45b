#!/usr/bin/env bash
# Every test Styr has: unit and HTTP integration tests, then the browser tests with axe-core.
# On a fresh Debian/Ubuntu machine with Rust, this installs what the browser tests lack (Chromium
# and fonts through apt when run as root, npm packages from the committed lockfile).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo test"
cargo test --all-targets

echo "== browser tests"
cargo build --bin styr
STYR_BIN="$PWD/target/debug/styr" bash tests/browser/run.sh
