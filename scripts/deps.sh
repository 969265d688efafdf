#!/usr/bin/env bash
# Installs the system packages feedwatch builds and tests with (Debian 12 / Ubuntu).
# Idempotent: does nothing when everything is already there. Needs root or sudo.
set -euo pipefail

packages=(libcurl4-openssl-dev libxml2-dev libsqlite3-dev libssl-dev pkg-config python3 gzip systemd)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "deps.sh: run as root to install: ${missing[*]}" >&2; exit 1; }
        sudo="sudo"
    fi
    echo "deps.sh: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null; then
    for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
        [ -x "$candidate/swift" ] && export PATH="$candidate:$PATH"
    done
fi
command -v swift >/dev/null || {
    echo "deps.sh: no Swift toolchain found; install Swift 6 from https://www.swift.org/install/linux/ first" >&2
    exit 1
}
