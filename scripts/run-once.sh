#!/usr/bin/env bash
# One command from a clean clone to alerts: installs what is missing, builds feedwatch,
# checks the shipped configuration and runs one cycle over the seed feeds.
# Run it again: no alert is raised twice.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

swift build -c release --product feedwatch
bin="$(swift build -c release --show-bin-path)/feedwatch"

"$bin" check --config Config/feedwatch.yaml
"$bin" run --once --config Config/feedwatch.yaml
echo
echo "Next: $bin tail -f (follow alerts), $bin alerts, $bin feeds, $bin match --text \"…\""
