#!/usr/bin/env bash
# One command from a clean clone to a full test run: installs what is missing, then runs
# every test (unit, loopback HTTP, SQLite, CLI, and the feedparser conformance suite when
# ../shared/corpus/feedparser is present).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

swift build --build-tests
swift test --skip-build "$@"
