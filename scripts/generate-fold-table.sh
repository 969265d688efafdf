#!/bin/sh
# Regenerates Sources/FeedwatchMatch/FoldTable+Data.swift from the Unicode data of this
# toolchain (run it when FoldTableDataTests says the table is stale, or after changing
# ScalarFolding). Compiles the FoldTable sources with scripts/fold-table/main.swift.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
match="$root/Sources/FeedwatchMatch"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swiftc -O -module-name FoldTableGenerator -o "$work/generate" "$root/scripts/fold-table/main.swift" \
    "$match/FoldTable.swift" "$match/FoldTable+Data.swift" "$match/ScalarFolding.swift"
"$work/generate" > "$work/data.swift"
mv "$work/data.swift" "$match/FoldTable+Data.swift"
echo "wrote $match/FoldTable+Data.swift"
