#!/usr/bin/env bash
# Issue 17's unsupervised gain, in one run: a contrastive head trained without labels
# (`likeness train contrastive DIR --unlabelled`) on the edited-photo set that
# `likeness bench robustness … --export` writes (a folder per photo, 25 versions each), then
# `likeness eval` of the head beside its base model, folders as classes (the labels are read by
# eval only, never by training). Two protocols:
#   held-out: the head trains on the even-numbered photos' folders and is evaluated on the odd ones;
#   same set: the head trains on all folders and is evaluated on them (the issue's wording).
#
# Usage: bench/unlabelled_gain.sh EXPORT
# Environment: LIKENESS (binary, default .build/release/likeness), OUT (default /tmp/unlabelled-gain),
#              BASE (efficientnet-lite0), EPOCHS (20), VIEWS (4), AUGMENT (crop,flip,jitter,blur),
#              THREADS (2), EXTRA (more `train contrastive` options, e.g. "--margin 0.5 --dim 128").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
EXPORT=${1:?usage: bench/unlabelled_gain.sh EXPORT (a folder per photo, from bench robustness --export)}
L=${LIKENESS:-$here/../.build/release/likeness}
OUT=${OUT:-/tmp/unlabelled-gain}
BASE=${BASE:-efficientnet-lite0}
EPOCHS=${EPOCHS:-20}
VIEWS=${VIEWS:-4}
AUGMENT=${AUGMENT:-crop,flip,jitter,blur}
THREADS=${THREADS:-2}
EXTRA=${EXTRA:-}
mkdir -p "$OUT/models" "$OUT/held-out/train" "$OUT/held-out/test"
for f in "$HOME"/.cache/likeness/models/*.onnx "$HOME"/.cache/likeness/models/*.json; do [ -e "$f" ] && ln -sf "$f" "$OUT/models/"; done
export LIKENESS_MODELS=$OUT/models LIKENESS_CATALOG=$OUT/catalog.sqlite

# The held-out split: hard links (no copy, the export is left as it is), even folders to train.
if [ -z "$(ls -A "$OUT/held-out/train")" ]; then
    i=0
    for folder in $(ls "$EXPORT"); do
        side=$([ $((i % 2)) -eq 0 ] && echo train || echo test)
        cp -al "$EXPORT/$folder" "$OUT/held-out/$side/"
        i=$((i + 1))
    done
fi

tag=$(echo "$BASE-$VIEWS-$EPOCHS-$AUGMENT $EXTRA" | tr -c 'a-zA-Z0-9\n-' '-' | sed 's/-*$//')
train() {  # folder name
    [ -f "$OUT/models/heads/$2.json" ] && return 0
    echo "== train contrastive --unlabelled on $1 ($VIEWS views, $AUGMENT, $EPOCHS epochs)"
    /usr/bin/time -f "training wall %e s, peak RSS %M KB" "$L" train contrastive "$1" --unlabelled --on "$BASE" --views "$VIEWS" \
        --augment "$AUGMENT" --epochs "$EPOCHS" --threads "$THREADS" --save "$2" $EXTRA 2> >(grep -E "^epoch|wall|error" >&2)
}
train "$OUT/held-out/train" "gain-held-$tag"
echo "== eval on the held-out photos (the head never saw them)"
"$L" eval "$OUT/held-out/test" --methods "$BASE,gain-held-$tag"
train "$EXPORT" "gain-all-$tag"
echo "== eval on the set it trained on (no labels used in training)"
"$L" eval "$EXPORT" --methods "$BASE,gain-all-$tag"
