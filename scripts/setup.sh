#!/usr/bin/env bash
# Installs everything Likeness needs on a fresh Debian machine. Idempotent: a second run
# installs nothing and downloads nothing. Downloads are cached outside the repository,
# under $LIKENESS_CACHE (default ~/.cache/likeness).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
cache="${LIKENESS_CACHE:-$HOME/.cache/likeness}"
mkdir -p "$cache"

log() { printf 'setup: %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. System packages from Debian.
packages=(pkg-config libvips-dev libsqlite3-dev libssl-dev libopenblas-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "system packages present"
fi

# 2. A Python environment for the peer scripts (Pillow, ImageHash), kept in the cache.
venv="$cache/venv"
if [ ! -x "$venv/bin/python" ]; then
  log "creating $venv"
  if ! python3 -m venv "$venv" 2>/dev/null; then
    # Debian's own python3 needs its venv module installed separately.
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    rm -rf "$venv"
    python3 -m venv "$venv"
  fi
fi
if ! "$venv/bin/python" -c 'import PIL, imagehash' 2>/dev/null; then
  log "installing Pillow and ImageHash into $venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "Pillow==11.3.0" "ImageHash==4.3.2"
fi

# 3. Real photos from Debian packages (extracted, not installed).
"$here/scripts/fetch-photos.sh"

# 4. Swift dependencies from the package mirror.
(cd "$here" && swift package resolve >/dev/null)
log "done (cache: $cache)"
