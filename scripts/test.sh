#!/usr/bin/env bash
# One command from a clean clone to a full test run: installs what is missing, then runs
# every test (unit, loopback HTTP, SQLite, CLI, and the feedparser conformance suite when
# ../shared/corpus/feedparser is present).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

swift build --build-tests
# Serially: several suites run the real daemon and time its signals; on 2 cores, running them
# beside the crash and conformance suites starves them.
swift test --skip-build --no-parallel "$@"
