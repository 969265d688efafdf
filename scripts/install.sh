#!/bin/sh
# Installs feedwatch: release binary, systemd unit, default config and watchlists, logrotate file,
# shell completions and man page. Usually run through `make install`.
#
# Environment (all optional):
#   DESTDIR     staging root for packagers (default: empty, i.e. the live system)
#   PREFIX      installation prefix (default: /usr/local)
#   SYSCONFDIR  configuration root (default: /etc)
#   UNITDIR     systemd unit directory (default: $PREFIX/lib/systemd/system for /usr and
#               /usr/local, which systemd searches; /etc/systemd/system for any other prefix)
#   BINARY      an already built feedwatch to install instead of building one
#   NO_BUILD=1  never run `swift build`; use the existing release binary
#   STATIC=0    link the Swift runtime dynamically (default: statically, so the installed binary
#               needs only Debian's libcurl4 (with its libssl3), libxml2 and libsqlite3-0, and keeps working when the
#               Swift toolchain is upgraded or removed; built under .build/static so that it does
#               not disturb the ordinary release build)
#
# Configuration files are conffiles, as dpkg treats them: a file the administrator edited is never
# overwritten; the new version lands beside it as FILE.dist. An unedited file from an earlier install
# is upgraded. What was installed is listed in $PREFIX/share/feedwatch/install-manifest, which
# scripts/uninstall.sh reads.
set -eu

DESTDIR=${DESTDIR:-}
PREFIX=${PREFIX:-/usr/local}
SYSCONFDIR=${SYSCONFDIR:-/etc}
if [ -z "${UNITDIR:-}" ]; then
    case "$PREFIX" in
    /usr | /usr/local) UNITDIR=$PREFIX/lib/systemd/system ;;
    *) UNITDIR=$SYSCONFDIR/systemd/system ;;
    esac
fi

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

say() { printf 'install: %s\n' "$*"; }
die() { printf 'install: error: %s\n' "$*" >&2; exit 1; }

MANIFEST_PATH=$PREFIX/share/feedwatch/install-manifest
OLD_MANIFEST=$DESTDIR$MANIFEST_PATH
NEW_MANIFEST=$(mktemp)
trap 'rm -f "$NEW_MANIFEST"' EXIT

checksum() { sha256sum "$1" | cut -d' ' -f1; }

# Records a file this install owns: `file` entries are always removed by uninstall, `conf` entries
# only while their content still has the recorded checksum (`kept` entries, never).
record() { printf '%s %s %s\n' "$1" "$(checksum "$DESTDIR$2")" "$2" >>"$NEW_MANIFEST"; }

# The checksum an earlier install recorded for PATH, or nothing.
recorded_checksum() {
    [ -f "$OLD_MANIFEST" ] || return 0
    awk -v p="$1" '$3 == p { print $2 }' "$OLD_MANIFEST" | tail -n 1
}

# install_file MODE SOURCE PATH: a program file, always replaced.
install_file() {
    install -D -m "$1" "$2" "$DESTDIR$3"
    record file "$3"
}

# install_conf SOURCE PATH [DIST_PATH]: a configuration file, replaced only if nobody edited it;
# otherwise the shipped version goes to DIST_PATH (default PATH.dist).
install_conf() {
    src=$1 dest=$2 target=$DESTDIR$2 dist=${3:-$2.dist}
    if [ ! -e "$target" ]; then
        install -D -m 0644 "$src" "$target"
        record conf "$dest"
    elif cmp -s "$src" "$target"; then
        record conf "$dest"
    elif [ "$(checksum "$target")" = "$(recorded_checksum "$dest")" ]; then
        install -m 0644 "$src" "$target"  # ours and unedited: upgrade it
        record conf "$dest"
        say "updated $dest"
    else
        install -D -m 0644 "$src" "$DESTDIR$dist"
        record file "$dist"
        # Still the administrator's file: listed as `kept`, which uninstall reports and never removes.
        printf 'kept - %s\n' "$dest" >>"$NEW_MANIFEST"
        say "kept edited $dest; the shipped version is $dist"
    fi
}

# --- 1. The binary --------------------------------------------------------------------------
if [ -n "${BINARY:-}" ]; then
    [ -x "$BINARY" ] || die "BINARY=$BINARY is not an executable file"
else
    if [ "${STATIC:-1}" = 1 ]; then
        BUILD_FLAGS="-c release --product feedwatch --static-swift-stdlib --scratch-path .build/static"
    else
        BUILD_FLAGS="-c release --product feedwatch"
    fi
    if [ "${NO_BUILD:-0}" != 1 ] && command -v swift >/dev/null 2>&1 && { [ ! -e .build ] || [ -O .build ]; }; then
        say "building a release binary (swift build $BUILD_FLAGS)"
        # shellcheck disable=SC2086 # the flags are words on purpose
        swift build $BUILD_FLAGS
        # shellcheck disable=SC2086
        BINARY=$(swift build $BUILD_FLAGS --show-bin-path)/feedwatch
    else
        # `sudo make install` after `make`: root may have no swift on its PATH and must not take
        # over the user's .build directory.
        if [ "${STATIC:-1}" = 1 ]; then BINARY=$ROOT/.build/static/release/feedwatch; else BINARY=$ROOT/.build/release/feedwatch; fi
        [ -x "$BINARY" ] || die "no release binary at $BINARY; run \`make\` first"
        say "using the existing $BINARY"
    fi
fi
install_file 0755 "$BINARY" "$PREFIX/bin/feedwatch"

# --- 2. The unit, pointed at this prefix ----------------------------------------------------
unit=$(mktemp)
sed -e "s|/usr/local/bin/feedwatch|$PREFIX/bin/feedwatch|g" \
    -e "s|/etc/feedwatch/|$SYSCONFDIR/feedwatch/|g" systemd/feedwatch.service >"$unit"
install_file 0644 "$unit" "$UNITDIR/feedwatch.service"
rm -f "$unit"

# --- 3. Sample feeds, default configuration and watchlists -----------------------------------
# The shipped config names the sample feeds as ../seeds/…, relative to Config/; installed, they live
# in $PREFIX/share/feedwatch/seeds, so the installed config names them there.
SEEDS=$PREFIX/share/feedwatch/seeds
if [ -d seeds ]; then
    for src in seeds/*; do
        [ -f "$src" ] && install_file 0644 "$src" "$SEEDS/${src#seeds/}"
    done
fi
if [ -d Config ]; then
    staged=$(mktemp -d)
    find Config -type f \( -name '*.yaml' -o -name '*.yml' \) | LC_ALL=C sort | while read -r src; do
        rel=${src#Config/}
        mkdir -p "$staged/$(dirname "$rel")"
        # Name the service's own directories, so `feedwatch tail`, `alerts` and `feeds` run by an
        # administrator read what the service writes (systemd's StateDirectory/LogsDirectory).
        sed -e "s|\.\./seeds/|$SEEDS/|g" \
            -e "s|^# store: state/feedwatch.sqlite|store: /var/lib/feedwatch/feedwatch.sqlite|" \
            -e "s|^# alert_log: state/alerts.jsonl|alert_log: /var/log/feedwatch/alerts.jsonl|" \
            "$src" >"$staged/$rel"
        install_conf "$staged/$rel" "$SYSCONFDIR/feedwatch/$rel"
    done
    rm -rf "$staged"
else
    say "no Config/ directory: no default configuration installed"
fi
install_conf systemd/feedwatch.logrotate "$SYSCONFDIR/logrotate.d/feedwatch" "$PREFIX/share/feedwatch/feedwatch.logrotate.dist"

# --- 4. Shell completions, from the binary itself -------------------------------------------
completions=$(mktemp -d)
if "$BINARY" --generate-completion-script bash >"$completions/bash" 2>/dev/null &&
    "$BINARY" --generate-completion-script zsh >"$completions/zsh" 2>/dev/null &&
    "$BINARY" --generate-completion-script fish >"$completions/fish" 2>/dev/null; then
    install_file 0644 "$completions/bash" "$PREFIX/share/bash-completion/completions/feedwatch"
    install_file 0644 "$completions/zsh" "$PREFIX/share/zsh/site-functions/_feedwatch"
    install_file 0644 "$completions/fish" "$PREFIX/share/fish/vendor_completions.d/feedwatch.fish"
else
    say "warning: $BINARY could not generate completion scripts; none installed"
fi
rm -rf "$completions"

# --- 5. Man page ----------------------------------------------------------------------------
install_file 0644 docs/feedwatch.1 "$PREFIX/share/man/man1/feedwatch.1"

# --- 6. The manifest, then tell systemd -----------------------------------------------------
mkdir -p "$(dirname "$OLD_MANIFEST")"
cp "$NEW_MANIFEST" "$OLD_MANIFEST"
chmod 0644 "$OLD_MANIFEST"
say "installed $(wc -l <"$OLD_MANIFEST") files under ${DESTDIR:-/} (list: $MANIFEST_PATH)"

if [ -z "$DESTDIR" ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
    systemctl daemon-reload || say "warning: systemctl daemon-reload failed"
    say "next: feedwatch check --config $SYSCONFDIR/feedwatch/feedwatch.yaml && systemctl enable --now feedwatch"
fi
