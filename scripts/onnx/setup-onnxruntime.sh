#!/usr/bin/env bash
# setup-onnxruntime.sh — make ONNX Runtime's C API available to Likeness.
#
# Result (printed at the end, one "KEY=value" per line):
#   ORT_LIB_DIR      directory holding libonnxruntime.so (+ .so.1, .so.1.x.y)
#   ORT_INCLUDE_DIR  directory holding onnxruntime_c_api.h
#
# Where the pieces come from:
#   * the shared library: the pinned PyPI wheel "onnxruntime" (CPU build,
#     cp311 manylinux x86_64), which ships onnxruntime/capi/libonnxruntime.so.<ver>;
#   * the C headers: Debian trixie's libonnxruntime-dev (1.21.0, ORT_API_VERSION 21),
#     fetched with a private, throw-away apt configuration so that the
#     system's apt setup (/etc/apt, /var/lib/apt) is never modified.
# The C API is append-only: a library of version >= 1.21 accepts
# GetApi(21), so the 1.21 header works with the newer pinned library.
#
# Environment:
#   ORT_HOME        if set, nothing is downloaded: $ORT_HOME/lib and
#                   $ORT_HOME/include are checked and printed.
#   LIKENESS_CACHE  cache root (default: $HOME/.cache/likeness); the
#                   install goes to $LIKENESS_CACHE/onnxruntime.
#   PYTHON          interpreter used to run pip (default: python3).
#
# Idempotent: a second run finds the stamp file and only re-prints paths.
set -euo pipefail

# ---- pinned inputs -------------------------------------------------------
ORT_VERSION="1.22.1"                 # PyPI onnxruntime wheel (library)
ORT_HEADER_PKG="libonnxruntime-dev"  # Debian package carrying the headers
ORT_HEADER_SUITE="trixie"            # Debian suite that has it (1.21.0+dfsg-1)

log() { printf '[setup-onnxruntime] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Print the result and, as a final sanity check, insist that both files exist.
report() {
    local lib="$1" inc="$2"
    [ -e "$lib/libonnxruntime.so" ] || die "missing $lib/libonnxruntime.so"
    [ -f "$inc/onnxruntime_c_api.h" ] || die "missing $inc/onnxruntime_c_api.h"
    echo "ORT_LIB_DIR=$lib"
    echo "ORT_INCLUDE_DIR=$inc"
}

# ---- 1. an existing install chosen by the user wins -----------------------
if [ -n "${ORT_HOME:-}" ]; then
    log "ORT_HOME is set; using $ORT_HOME as is"
    report "$ORT_HOME/lib" "$ORT_HOME/include"
    exit 0
fi

CACHE="${LIKENESS_CACHE:-$HOME/.cache/likeness}"
DEST="$CACHE/onnxruntime"
STAMP="$DEST/.installed"
# The stamp records what was installed; a different pin forces a reinstall.
WANT_STAMP="onnxruntime-wheel=$ORT_VERSION headers=$ORT_HEADER_PKG/$ORT_HEADER_SUITE"

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT_STAMP" ]; then
    log "already installed ($WANT_STAMP)"
    report "$DEST/lib" "$DEST/include"
    exit 0
fi

PYTHON="${PYTHON:-python3}"
command -v "$PYTHON" >/dev/null || die "$PYTHON not found (needed for pip download)"
command -v apt-get >/dev/null || die "apt-get not found (needed for the headers)"
command -v dpkg >/dev/null || die "dpkg not found (needed to unpack the headers)"
command -v unzip >/dev/null || die "unzip not found (apt-get install unzip)"

# Everything is built in a scratch directory and moved into place at the end,
# so an interrupted run never leaves a half-populated $DEST behind.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/likeness-ort.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
STAGE="$WORK/stage"
mkdir -p "$STAGE/lib" "$STAGE/include"

# ---- 2. the shared library from the PyPI wheel -----------------------------
log "downloading onnxruntime==$ORT_VERSION wheel from PyPI"
# --platform/--python-version pick the cp311 manylinux x86_64 wheel no matter
# which Python runs pip; --only-binary is required when --platform is given.
"$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: \
    --python-version 3.11 --implementation cp --abi cp311 \
    --platform manylinux_2_28_x86_64 --platform manylinux_2_27_x86_64 \
    --platform manylinux_2_17_x86_64 \
    --dest "$WORK/wheel" "onnxruntime==$ORT_VERSION"
WHEEL="$(ls "$WORK"/wheel/onnxruntime-"$ORT_VERSION"-*.whl)"
LIBNAME="libonnxruntime.so.$ORT_VERSION"
# -j drops the onnxruntime/capi/ prefix; only the one library is extracted.
unzip -q -j "$WHEEL" "onnxruntime/capi/$LIBNAME" -d "$STAGE/lib"
# The library's SONAME is libonnxruntime.so.1; the unversioned name is what
# the linker looks for with -lonnxruntime.
ln -sf "$LIBNAME" "$STAGE/lib/libonnxruntime.so.1"
ln -sf "libonnxruntime.so.1" "$STAGE/lib/libonnxruntime.so"

# ---- 3. the headers from Debian trixie, via a private apt setup -----------
# Reuse the URI and keyring of the machine's own Debian entry (deb822 format)
# so that mirrors/proxies configured there keep working; fall back to the
# standard mirror and keyring if no such entry can be read.
SYS_SOURCES=/etc/apt/sources.list.d/debian.sources
URI="" KEYRING=""
if [ -r "$SYS_SOURCES" ]; then
    # First stanza whose URIs are the main archive (not debian-security).
    read -r URI KEYRING < <(awk '
        /^[[:space:]]*$/ { if (uri != "" && uri !~ /security/) { print uri, key; found=1; exit }
                           uri=""; key=""; next }
        /^URIs:/      { uri=$2 }
        /^Signed-By:/ { key=$2 }
        END { if (!found && uri != "" && uri !~ /security/) print uri, key }
    ' "$SYS_SOURCES") || true
fi
URI="${URI:-http://deb.debian.org/debian}"
KEYRING="${KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}"
[ -r "$KEYRING" ] || die "keyring $KEYRING not readable (apt-get install debian-archive-keyring)"

APTDIR="$WORK/apt"
mkdir -p "$APTDIR/sources.list.d" "$APTDIR/lists/partial" \
         "$APTDIR/cache/archives/partial" "$APTDIR/download"
cat > "$APTDIR/sources.list.d/likeness-$ORT_HEADER_SUITE.sources" <<EOF
Types: deb
URIs: $URI
Suites: $ORT_HEADER_SUITE
Components: main
Signed-By: $KEYRING
EOF

# Every path apt writes to is redirected into $APTDIR; the system's
# sources are hidden (SourceList=/dev/null, SourceParts=our dir), so only the
# trixie index is fetched and its InRelease signature is still checked
# against the keyring named above. apt's download sandbox user (_apt) cannot
# enter the private mktemp directory, so downloads run as the calling user.
APT_OPTS=(
    -o "Dir::Etc::SourceList=/dev/null"
    -o "Dir::Etc::SourceParts=$APTDIR/sources.list.d"
    -o "Dir::State::Lists=$APTDIR/lists"
    -o "Dir::Cache=$APTDIR/cache"
    -o "APT::Sandbox::User=$(id -un)"
    -o "Acquire::Languages=none"
    -q
)
log "fetching $ORT_HEADER_SUITE package index (private apt state in $APTDIR)"
apt-get "${APT_OPTS[@]}" update >&2
log "downloading $ORT_HEADER_PKG from $ORT_HEADER_SUITE"
( cd "$APTDIR/download" && apt-get "${APT_OPTS[@]}" download "$ORT_HEADER_PKG" >&2 )
DEB="$(ls "$APTDIR"/download/"$ORT_HEADER_PKG"_*.deb)"
# Unpack without installing: nothing is registered with dpkg.
dpkg -x "$DEB" "$WORK/deb"
cp -R "$WORK/deb/usr/include/onnxruntime/." "$STAGE/include/"
# Keep the package's licence text next to the headers.
cp "$WORK/deb/usr/share/doc/$ORT_HEADER_PKG/copyright" "$STAGE/include/COPYRIGHT.debian"

# ---- 4. move into place ----------------------------------------------------
mkdir -p "$CACHE"
rm -rf "$DEST"
mv "$STAGE" "$DEST"
printf '%s\n' "$WANT_STAMP" > "$STAMP"
log "installed onnxruntime $ORT_VERSION library + $(basename "$DEB") headers into $DEST"
report "$DEST/lib" "$DEST/include"
