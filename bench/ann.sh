#!/usr/bin/env bash
# likeness bench ann and its peers (faiss-cpu, hnswlib) on the same vectors, in one run.
# Usage: bench/ann.sh [likeness bench ann options], e.g. bench/ann.sh --vectors 100000 --dim 1280
# Needs a release build (swift build -c release --product likeness) and `make setup` (venv-ann).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cache="${LIKENESS_CACHE:-$HOME/.cache/likeness}"
likeness="${LIKENESS:-$here/.build/release/likeness}"
data="$(mktemp -d "${TMPDIR:-/tmp}/likeness-bench-ann.XXXXXX")"
trap 'rm -rf "$data"' EXIT
"$likeness" bench ann --data "$data" --json "$@" > "$data/likeness.json"
"$cache/venv-ann/bin/python" "$here/bench/ann_peer.py" "$data"
