#!/bin/sh
# Checks the systemd unit, the logrotate file, the man page and the install/uninstall round trip.
# Called by .ci/run; also `make check-systemd`. Exits non-zero on the first failed check.
#
#   1. systemd-analyze verify: must print nothing at all (it exits 0 even on unknown keys and bad
#      values, so its output is the verdict).
#   2. systemd-analyze security --offline=true --threshold=15: exposure at most 1.5.
#   3. logrotate -d on the shipped file (when logrotate is installed), and never copytruncate.
#   4. The man page renders without groff warnings.
#   5. install.sh into a temporary DESTDIR and uninstall.sh back out, when a feedwatch binary is
#      at hand (BINARY=…, else .build/static/release, .build/release or .build/debug).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
UNIT=systemd/feedwatch.service
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fail() { printf 'systemd-checks: FAIL: %s\n' "$*" >&2; exit 1; }
pass() { printf 'systemd-checks: ok: %s\n' "$*"; }

if ! command -v systemd-analyze >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get install -y --no-install-recommends systemd >/dev/null
    else
        fail "systemd-analyze not found (apt-get install systemd)"
    fi
fi

# --- 1. verify -------------------------------------------------------------------------------
# verify insists that ExecStart= names an existing executable, so check a copy whose ExecStart
# points at a stand-in; everything else is the shipped unit, byte for byte.
mkdir -p "$WORK/unit" "$WORK/bin"
cp /bin/true "$WORK/bin/feedwatch"
sed "s|^ExecStart=/usr/local/bin/feedwatch |ExecStart=$WORK/bin/feedwatch |" "$UNIT" >"$WORK/unit/feedwatch.service"
grep -q "^ExecStart=$WORK/bin/feedwatch " "$WORK/unit/feedwatch.service" || fail "ExecStart= not where expected in $UNIT"
# --man=no: the man page is installed by `make install`, not present on a CI machine.
systemd-analyze verify --man=no "$WORK/unit/feedwatch.service" >"$WORK/verify.out" 2>&1 || true
if [ -s "$WORK/verify.out" ]; then
    cat "$WORK/verify.out" >&2
    fail "systemd-analyze verify printed the lines above"
fi
pass "systemd-analyze verify $UNIT: no output"

# --- 2. security -----------------------------------------------------------------------------
if ! systemd-analyze security --offline=true --threshold=15 "$UNIT" >"$WORK/security.out" 2>&1; then
    grep '✗' "$WORK/security.out" >&2 || cat "$WORK/security.out" >&2
    fail "exposure above 1.5: $(tail -n 1 "$WORK/security.out")"
fi
pass "$(tail -n 1 "$WORK/security.out" | sed 's/^→ //')"

# --- 3. logrotate ----------------------------------------------------------------------------
if grep -v '^[[:space:]]*#' systemd/feedwatch.logrotate | grep -q copytruncate; then
    fail "feedwatch.logrotate uses copytruncate, which loses lines"
fi
if command -v logrotate >/dev/null 2>&1 || [ -x /usr/sbin/logrotate ]; then
    LOGROTATE=$(command -v logrotate || echo /usr/sbin/logrotate)
    "$LOGROTATE" -d -s "$WORK/logrotate.state" systemd/feedwatch.logrotate >"$WORK/logrotate.out" 2>&1 || {
        cat "$WORK/logrotate.out" >&2
        fail "logrotate -d rejected systemd/feedwatch.logrotate"
    }
    if grep -qi '^error' "$WORK/logrotate.out"; then
        cat "$WORK/logrotate.out" >&2
        fail "logrotate -d reported errors"
    fi
    pass "logrotate -d systemd/feedwatch.logrotate"
else
    pass "feedwatch.logrotate has no copytruncate (logrotate not installed: syntax not checked)"
fi

# --- 4. man page -----------------------------------------------------------------------------
if command -v groff >/dev/null 2>&1; then
    groff -mandoc -Tutf8 -ww -z docs/feedwatch.1 >"$WORK/man.out" 2>&1 || true
    if [ -s "$WORK/man.out" ]; then
        cat "$WORK/man.out" >&2
        fail "groff warnings in docs/feedwatch.1"
    fi
    pass "docs/feedwatch.1 renders without warnings"
fi

# --- 5. install and uninstall round trip -----------------------------------------------------
BINARY=${BINARY:-}
if [ -z "$BINARY" ]; then
    for candidate in .build/static/release/feedwatch .build/release/feedwatch .build/debug/feedwatch; do
        if [ -x "$candidate" ]; then BINARY=$candidate; break; fi
    done
fi
if [ -z "$BINARY" ]; then
    pass "install round trip skipped: no built feedwatch (set BINARY= or build first)"
    exit 0
fi
DEST=$WORK/dest
DESTDIR=$DEST BINARY=$BINARY ./scripts/install.sh >"$WORK/install.out"
for path in /usr/local/bin/feedwatch /usr/local/lib/systemd/system/feedwatch.service \
    /etc/logrotate.d/feedwatch /usr/local/share/man/man1/feedwatch.1 \
    /usr/local/share/bash-completion/completions/feedwatch /usr/local/share/zsh/site-functions/_feedwatch \
    /usr/local/share/fish/vendor_completions.d/feedwatch.fish; do
    [ -f "$DEST$path" ] || fail "install did not create $path"
done
[ -f Config/feedwatch.yaml ] && { [ -f "$DEST/etc/feedwatch/feedwatch.yaml" ] || fail "install did not create /etc/feedwatch/feedwatch.yaml"; }
# The installed unit must verify too: its ExecStart names the installed binary (under DEST here).
mkdir -p "$WORK/installed"
sed "s|^ExecStart=/usr/local/bin/feedwatch |ExecStart=$DEST/usr/local/bin/feedwatch |" \
    "$DEST/usr/local/lib/systemd/system/feedwatch.service" >"$WORK/installed/feedwatch.service"
systemd-analyze verify --man=no "$WORK/installed/feedwatch.service" >"$WORK/verify-installed.out" 2>&1 || true
if [ -s "$WORK/verify-installed.out" ]; then
    cat "$WORK/verify-installed.out" >&2
    fail "systemd-analyze verify on the installed unit printed the lines above"
fi
# An administrator's edit survives a reinstall and an uninstall.
echo "# edited by the administrator" >>"$DEST/etc/logrotate.d/feedwatch"
DESTDIR=$DEST BINARY=$BINARY ./scripts/install.sh >"$WORK/install2.out"
grep -q "edited by the administrator" "$DEST/etc/logrotate.d/feedwatch" || fail "reinstall overwrote an edited file"
DESTDIR=$DEST ./scripts/uninstall.sh >"$WORK/uninstall.out"
left=$(cd "$DEST" && find . -type f | sort)
[ "$left" = "./etc/logrotate.d/feedwatch" ] || fail "uninstall left: $left"
pass "install into DESTDIR and uninstall: edited config kept, everything else removed"
