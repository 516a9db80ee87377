#!/usr/bin/env bash
# Embedding throughput grid: `likeness embed` over ONNX Runtime threads × decode workers × model
# workers (parts of a batch run at once) × batch size,
# for one or more models, each setting run twice into a fresh catalog (the better run is kept), with
# the load average noted before each setting (other work on the machine slows a run down).
# Usage: bench/embed_grid.sh DIR MODEL [MODEL...]
#   GRID_THREADS="1 2" GRID_WORKERS="1 2" GRID_MODEL_WORKERS="1 2" GRID_BATCHES="8 16 32" GRID_RUNS=2
#   to change the grid.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: bench/embed_grid.sh DIR MODEL [MODEL...]}"; shift
[ $# -gt 0 ] || { echo "usage: bench/embed_grid.sh DIR MODEL [MODEL...]" >&2; exit 1; }
likeness="$here/.build/release/likeness"
[ -x "$likeness" ] || { echo "build first: make build" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$likeness" scan "$dir" --catalog "$work/scanned.sqlite" --json > /dev/null 2>&1

echo "files: $(find "$dir" -type f ! -name '.*' | wc -l) in $dir; best of ${GRID_RUNS:-2} runs"
printf '%-24s %7s %7s %7s %5s %10s %9s %9s %6s\n' model threads decoders "model w" batch "images/s" "decode s" "model s" load
for model in "$@"; do
  for threads in ${GRID_THREADS:-1 2}; do
    for workers in ${GRID_WORKERS:-1 2}; do
     for parts in ${GRID_MODEL_WORKERS:-1 2}; do
      for batch in ${GRID_BATCHES:-8 16 32}; do
        load="$(cut -d' ' -f1 /proc/loadavg)"
        best=""
        for _ in $(seq "${GRID_RUNS:-2}"); do
          cp "$work/scanned.sqlite" "$work/run.sqlite"
          line="$("$likeness" embed --catalog "$work/run.sqlite" --model "$model" --threads "$threads" \
            --decode-workers "$workers" --model-workers "$parts" --batch "$batch" --json 2>/dev/null | python3 -c \
            'import json,sys; d=json.load(sys.stdin); print("%.1f %.2f %.2f" % (d["imagesPerSecond"], d["decodeSeconds"], d["inferenceSeconds"]))')"
          if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if ${line%% *} > ${best%% *} else 1)"; then best="$line"; fi
        done
        read -r rate decode infer <<< "$best"
        printf '%-24s %7s %7s %7s %5s %10s %9s %9s %6s\n' "$model" "$threads" "$workers" "$parts" "$batch" "$rate" "$decode" "$infer" "$load"
      done
     done
    done
  done
done
