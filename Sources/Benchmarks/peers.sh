#!/usr/bin/env bash
# The peers, in the same run and over the same corpus as `Benchmarks`:
#   - Python feedparser and fastfeedparser (PyPI) parsing the corpus files: the parse figures to beat;
#   - newsboat `-x reload` over the corpus served on loopback: the cycle figure to beat;
#   - `curl --parallel` over the same URLs: the fetch floor (cold, then all 304).
# Rows are printed in the Benchmarks table format and saved to $OUT/peers.md.
# Installs what is missing (pip into a venv under $OUT; apt-get for newsboat). Loopback only,
# every step under a timeout.
#
#   bash Sources/Benchmarks/peers.sh                 # 1,000 feeds × 50 items, like Benchmarks
#   FEEDS=50 bash Sources/Benchmarks/peers.sh        # a smoke run
#
# Environment: FEEDS, ITEMS, SEED, EPOCH, OUT (bench-out/peers), PORT (18931), HOSTS (16),
# STEP_TIMEOUT (600 s), NEWSBOAT_THREADS (1, newsboat's default), BENCH_BIN (the Benchmarks binary),
# SKIP (space-separated: feedparser fastfeedparser newsboat curl).
set -euo pipefail

FEEDS=${FEEDS:-1000}
ITEMS=${ITEMS:-50}
SEED=${SEED:-20260611}
EPOCH=${EPOCH:-$(($(date +%s) / 3600 * 3600))}
OUT=${OUT:-bench-out/peers}
PORT=${PORT:-18931}
HOSTS=${HOSTS:-16}
STEP_TIMEOUT=${STEP_TIMEOUT:-600}
NEWSBOAT_THREADS=${NEWSBOAT_THREADS:-1}
SKIP=${SKIP:-}

here=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
rows="$OUT/peers.md"
: >"$rows"

say() { printf '%s\n' "$*" >&2; }
row() { printf '| peer | %s | %s | %s |\n' "$1" "$2" "$3" | tee -a "$rows"; }
skipped() { [[ " $SKIP " == *" $1 "* ]]; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
grouped() { printf "%'d" "$1" 2>/dev/null || printf '%d' "$1"; }

# --- the Benchmarks binary (corpus writer and loopback server) -----------------------------
bench=${BENCH_BIN:-}
if [ -z "$bench" ]; then
    for candidate in "$here/.build-release/release/Benchmarks" "$here/.build/release/Benchmarks"; do
        if [ -x "$candidate" ]; then bench=$candidate; break; fi
    done
fi
if [ -z "$bench" ]; then
    say "building Benchmarks (release)…"
    (cd "$here" && swift build -c release --product Benchmarks >&2)
    bench="$here/.build/release/Benchmarks"
fi

# --- the corpus --------------------------------------------------------------------------------
corpus="$OUT/corpus"
rm -rf "$corpus"
"$bench" --write-corpus "$corpus" --feeds "$FEEDS" --items "$ITEMS" --seed "$SEED" --epoch "$EPOCH" >&2
bytes=$(awk -F'\t' 'NR > 1 { s += $4 } END { print s }' "$corpus/manifest.tsv")
items=$(awk -F'\t' 'NR > 1 { s += $3 } END { print s }' "$corpus/manifest.tsv")
megabytes=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
size="$(grouped "$FEEDS") feeds, $megabytes MB"

printf '| section | what | figure | goal / reference |\n|---|---|---|---|\n' | tee -a "$rows"

# Runs a command under GNU time; sets WALL, CPU, RSS_MB, STATUS. Wall is measured here, to the ms.
timed() {
    local log="$OUT/time.$1"
    shift
    local start end
    start=$(date +%s.%N)
    set +e
    /usr/bin/time -v -o "$log" timeout "$STEP_TIMEOUT" "$@"
    STATUS=$?
    set -e
    end=$(date +%s.%N)
    WALL=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$log")
    RSS_MB=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
}

# --- Python feedparser -------------------------------------------------------------------------
if ! skipped feedparser; then
    python=python3
    if ! python3 -c 'import feedparser' 2>/dev/null; then
        if [ ! -x "$OUT/venv/bin/python" ]; then
            say "installing feedparser from PyPI into $OUT/venv…"
            python3 -m venv "$OUT/venv" >&2
            "$OUT/venv/bin/pip" install --quiet feedparser >&2
        fi
        python="$OUT/venv/bin/python"
    fi
    cat >"$OUT/parse_feedparser.py" <<'PY'
import glob, sys, time
import feedparser
paths = sorted(glob.glob(sys.argv[1] + "/feeds/*.xml"))
docs = [open(p, "rb").read() for p in paths]
start = time.process_time()
items = sum(len(feedparser.parse(d).entries) for d in docs)
cpu = time.process_time() - start
print(f"{sum(map(len, docs))}\t{items}\t{cpu:.3f}\t{feedparser.__version__}")
PY
    timed feedparser "$python" "$OUT/parse_feedparser.py" "$corpus" >"$OUT/feedparser.out" 2>"$OUT/feedparser.err"
    if [ "$STATUS" = 0 ]; then
        IFS=$'\t' read -r fp_bytes fp_items fp_cpu fp_version <"$OUT/feedparser.out"
        row "Python feedparser $fp_version, parse, $size" \
            "$(awk -v b="$fp_bytes" -v c="$fp_cpu" -v i="$fp_items" 'BEGIN { printf "%.1f MB/s CPU, %d items/s", b / 1e6 / c, i / c }'), $RSS_MB MB peak RSS ($fp_items of $items items)" \
            "≈4 MB/s (reference machine)"
    else
        row "Python feedparser, parse, $size" "n/a (exit $STATUS)" "≈4 MB/s (reference machine)"
    fi
fi

# --- fastfeedparser (PyPI): the fastest Python parser, on lxml ---------------------------------
if ! skipped fastfeedparser; then
    if [ ! -x "$OUT/venv/bin/python" ]; then python3 -m venv "$OUT/venv" >&2; fi
    if ! "$OUT/venv/bin/python" -c 'import fastfeedparser' 2>/dev/null; then
        say "installing fastfeedparser from PyPI into $OUT/venv…"
        "$OUT/venv/bin/pip" install --quiet fastfeedparser >&2 || true
    fi
    cat >"$OUT/parse_fastfeedparser.py" <<'PY'
import glob, sys, time
from importlib.metadata import version
import fastfeedparser
paths = sorted(glob.glob(sys.argv[1] + "/feeds/*.xml"))
docs = [open(p, "rb").read() for p in paths]
start = time.process_time()
items = sum(len(fastfeedparser.parse(d).entries) for d in docs)
cpu = time.process_time() - start
print(f"{sum(map(len, docs))}\t{items}\t{cpu:.3f}\t{version('fastfeedparser')}")
PY
    timed fastfeedparser "$OUT/venv/bin/python" "$OUT/parse_fastfeedparser.py" "$corpus" \
        >"$OUT/fastfeedparser.out" 2>"$OUT/fastfeedparser.err"
    if [ "$STATUS" = 0 ]; then
        IFS=$'\t' read -r fp_bytes fp_items fp_cpu fp_version <"$OUT/fastfeedparser.out"
        row "fastfeedparser $fp_version, parse, $size" \
            "$(awk -v b="$fp_bytes" -v c="$fp_cpu" -v i="$fp_items" 'BEGIN { printf "%.1f MB/s CPU, %d items/s", b / 1e6 / c, i / c }'), $RSS_MB MB peak RSS ($fp_items of $items items)" \
            "≈170 MB/s (reference machine)"
    else
        row "fastfeedparser, parse, $size" "n/a (exit $STATUS: $(tail -1 "$OUT/fastfeedparser.err"))" \
            "≈170 MB/s (reference machine)"
    fi
fi

# --- the loopback server for newsboat and curl ------------------------------------------------
server_pid=
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
if ! skipped newsboat || ! skipped curl; then
    "$bench" --serve "$corpus" --port "$PORT" --hosts "$HOSTS" --urls-out "$OUT/urls.txt" >"$OUT/serve.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 300); do
        grep -q '^serving' "$OUT/serve.log" 2>/dev/null && break
        kill -0 "$server_pid" 2>/dev/null || { say "the corpus server died: $(cat "$OUT/serve.log")"; exit 1; }
        sleep 0.1
    done
    grep -q '^serving' "$OUT/serve.log" || { say "the corpus server did not start"; exit 1; }
fi

# --- curl --parallel: the fetch floor ----------------------------------------------------------
if ! skipped curl; then
    awk '{ print "url = \"" $0 "\"\noutput = \"/dev/null\"\nwrite-out = \"%{url_effective}\\t%{http_code}\\t%header{etag}\\n\"" }' \
        "$OUT/urls.txt" >"$OUT/curl-cold.cfg"
    timed curl-cold curl --silent --parallel --parallel-max 64 -K "$OUT/curl-cold.cfg" >"$OUT/curl-cold.out" 2>/dev/null
    ok=$(awk -F'\t' '$2 == 200' "$OUT/curl-cold.out" | wc -l)
    row "curl --parallel --parallel-max 64, $size, cold" "$WALL s wall, $CPU s CPU, $RSS_MB MB peak RSS ($ok×200)" \
        "≈0.2 s per 1,000 feeds (reference machine)"

    # The same URLs with the validators the first pass got (its lines come in completion
    # order, each with its URL): every answer a 304.
    awk -F'\t' 'NR > 1 { print "next" } {
        etag = $3; gsub(/"/, "\\\"", etag)
        print "url = \"" $1 "\"\noutput = \"/dev/null\"\nheader = \"If-None-Match: " etag "\"\nwrite-out = \"%{http_code}\\n\""
    }' "$OUT/curl-cold.out" >"$OUT/curl-304.cfg"
    timed curl-304 curl --silent --parallel --parallel-max 64 -K "$OUT/curl-304.cfg" >"$OUT/curl-304.out" 2>/dev/null
    not_modified=$(grep -c '^304' "$OUT/curl-304.out" || true)
    row "curl --parallel --parallel-max 64, $(grouped "$FEEDS") feeds, all 304" \
        "$WALL s wall, $CPU s CPU, $RSS_MB MB peak RSS ($not_modified×304)" "≈0.03 s per 1,000 feeds (reference machine)"
fi

# --- newsboat -x reload ------------------------------------------------------------------------
if ! skipped newsboat; then
    if ! command -v newsboat >/dev/null; then
        say "installing newsboat…"
        as_root apt-get install -y -qq newsboat >&2
    fi
    home="$OUT/newsboat-home"
    rm -rf "$home"
    mkdir -p "$home"
    cp "$OUT/urls.txt" "$home/urls"
    printf 'reload-threads %s\ndownload-timeout 30\nshow-read-feeds yes\n' "$NEWSBOAT_THREADS" >"$home/config"
    version=$(newsboat -v 2>/dev/null | head -1 | awk '{ print $2 }')
    for pass in cold repeat; do
        timed "newsboat-$pass" env HOME="$home" XDG_CONFIG_HOME="$home" XDG_DATA_HOME="$home" \
            newsboat -x reload -u "$home/urls" -c "$home/cache.db" -C "$home/config" >"$OUT/newsboat-$pass.out" 2>&1
        stored=$(command -v sqlite3 >/dev/null && sqlite3 "$home/cache.db" 'select count(*) from rss_item' 2>/dev/null || echo '?')
        label="newsboat $version -x reload ($NEWSBOAT_THREADS reload thread(s)), $size, $pass"
        [ "$pass" = repeat ] && label="newsboat $version -x reload, $(grouped "$FEEDS") feeds, repeat (conditional GET)"
        if [ "$STATUS" = 0 ]; then
            row "$label" "$WALL s wall, $CPU s CPU, $RSS_MB MB peak RSS ($stored items in its cache)" \
                "≈19 s, 85 MB per 1,000 feeds cold (reference machine)"
        else
            row "$label" "n/a (exit $STATUS after $WALL s)" "≈19 s, 85 MB per 1,000 feeds cold (reference machine)"
        fi
    done
fi

say "rows saved to $rows"
