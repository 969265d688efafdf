#!/bin/sh
# Removes what scripts/install.sh installed, as listed in its manifest. Configuration files an
# administrator edited stay, and so do the service's state (/var/lib/feedwatch) and alert log
# (/var/log/feedwatch): they are data, not program files.
#
# Environment: DESTDIR, PREFIX (default /usr/local), as for install.sh.
set -eu

DESTDIR=${DESTDIR:-}
PREFIX=${PREFIX:-/usr/local}
MANIFEST=$DESTDIR$PREFIX/share/feedwatch/install-manifest

say() { printf 'uninstall: %s\n' "$*"; }

[ -f "$MANIFEST" ] || { say "nothing to do: no manifest at $MANIFEST"; exit 0; }

live_systemd() { [ -z "$DESTDIR" ] && [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; }

if live_systemd && grep -q '/feedwatch.service$' "$MANIFEST"; then
    systemctl disable --now feedwatch.service 2>/dev/null || true
fi

kept=0
while read -r kind sum path; do
    target=$DESTDIR$path
    [ -e "$target" ] || continue
    if [ "$kind" = kept ]; then
        say "kept edited $path"
        kept=$((kept + 1))
        continue
    fi
    if [ "$kind" = conf ] && [ "$(sha256sum "$target" | cut -d' ' -f1)" != "$sum" ]; then
        say "kept edited $path"
        kept=$((kept + 1))
        continue
    fi
    rm -f "$target"
    # Remove feedwatch's own directories once empty (never shared ones such as $PREFIX/bin).
    dir=$(dirname "$target")
    while case "$dir" in */feedwatch | */feedwatch/*) true ;; *) false ;; esac && rmdir "$dir" 2>/dev/null; do
        dir=$(dirname "$dir")
    done
done <"$MANIFEST"

rm -f "$MANIFEST"
rmdir "$(dirname "$MANIFEST")" 2>/dev/null || true

if live_systemd; then
    systemctl daemon-reload || true
fi
say "done; $kept edited configuration file(s) kept; state and logs under /var were not touched"
