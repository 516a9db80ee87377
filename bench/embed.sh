#!/usr/bin/env bash
# Embedding benchmark: Likeness (libvips shrink-on-load, decode overlapped with ONNX Runtime) against
# a Python script (Pillow + onnxruntime, same model, same threads) on the same files, in one run.
# Usage: bench/embed.sh DIR      (run `make build` first; `make bench-embed` does both)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: bench/embed.sh DIR}"
cache="${LIKENESS_CACHE:-$HOME/.cache/likeness}"
likeness="$here/.build/release/likeness"
python="$cache/venv-torch/bin/python"
model="$cache/models/efficientnet-lite0.onnx"
[ -x "$likeness" ] || { echo "build first: make build" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

field() { "$python" -c "import json,sys; d=json.load(sys.stdin); print('%.2f' % d['$1'])"; }
echo "files: $(find "$dir" -type f ! -name '.*' | wc -l) in $dir; model efficientnet-lite0, batch 16"
printf '%-44s %10s %10s %10s\n' setup "images/s" "decode s" "model s"
for threads in 1 2; do
  # Likeness: scan first (not timed), then embed into a fresh catalog.
  "$likeness" scan "$dir" --catalog "$work/c$threads.sqlite" --json > /dev/null
  ours=$("$likeness" embed --catalog "$work/c$threads.sqlite" --threads "$threads" --json)
  theirs=$("$python" "$here/bench/embed_peer.py" "$model" "$dir" --threads "$threads")
  printf '%-44s %10s %10s %10s\n' "likeness, ORT $threads thread(s), 1 decode thread" \
    "$(echo "$ours" | field imagesPerSecond)" "$(echo "$ours" | field decodeSeconds)" "$(echo "$ours" | field inferenceSeconds)"
  printf '%-44s %10s %10s %10s\n' "Pillow + onnxruntime, $threads thread(s)" \
    "$(echo "$theirs" | field imagesPerSecond)" "$(echo "$theirs" | field decodeSeconds)" "$(echo "$theirs" | field inferenceSeconds)"
  "$python" -c "print('  ratio: %.2fx' % ($(echo "$ours" | field imagesPerSecond) / $(echo "$theirs" | field imagesPerSecond)))"
done
