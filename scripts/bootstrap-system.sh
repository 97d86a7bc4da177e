#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the register needs, if any are missing.
# As root it runs apt-get; otherwise it prints the exact command to run and fails.
#   usage: scripts/bootstrap-system.sh [--with-browser]
set -euo pipefail

pg_major="${PG_MAJOR:-15}"
missing=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

need() { have_pkg "$1" || missing+=("$1"); }
need "postgresql-${pg_major}"
need "postgresql-${pg_major}-postgis-3"
need gdal-bin            # brings libgdal, libgeos and libproj, which GeoDjango loads
need gettext             # msgfmt for compilemessages
need python3-venv
if [ "${1:-}" = "--with-browser" ]; then
  need chromium          # the browser tests drive Debian's chromium headless
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" = 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Run as root:  sudo sh -c '$cmd'" >&2
  exit 1
fi
