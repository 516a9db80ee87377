#!/usr/bin/env bash
# Decode benchmark: Likeness (libvips, shrink-on-load) against Pillow on the same files, in one run.
# Usage: bench/decode.sh DIR [REPEATS]      (run `make build` first; `make bench-decode` does both)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: bench/decode.sh DIR [REPEATS]}"
repeats="${2:-3}"
cache="${LIKENESS_CACHE:-$HOME/.cache/likeness}"
likeness="$here/.build/release/likeness"
python="$cache/venv/bin/python"
[ -x "$likeness" ] || { echo "build first: make build" >&2; exit 1; }

rate() { "$python" -c 'import json,sys; print("%.2f" % json.load(sys.stdin)["imagesPerSecond"])'; }

echo "files: $(find "$dir" -type f ! -name '.*' | wc -l) in $dir; best of $repeats passes; output 224x224 RGB"
l1=$("$likeness" bench decode "$dir" --workers 1 --repeats "$repeats" --json | rate)
l2=$("$likeness" bench decode "$dir" --workers 2 --repeats "$repeats" --json | rate)
p1=$("$python" "$here/bench/pillow_decode.py" "$dir" --repeats "$repeats" | rate)
d1=$("$python" "$here/bench/pillow_decode.py" "$dir" --draft --repeats "$repeats" | rate)
p2=$("$python" "$here/bench/pillow_decode.py" "$dir" --workers 2 --repeats "$repeats" | rate)
d2=$("$python" "$here/bench/pillow_decode.py" "$dir" --draft --workers 2 --repeats "$repeats" | rate)

ratio() { "$python" -c "print('%.1fx' % ($1 / $2 if $2 > 0 else float('nan')))"; }
printf '%-34s %10s %14s %14s\n' "decoder" "images/s" "vs Pillow" "vs Pillow+draft"
printf '%-34s %10s %14s %14s\n' "likeness, 1 worker" "$l1" "$(ratio "$l1" "$p1")" "$(ratio "$l1" "$d1")"
printf '%-34s %10s %14s %14s\n' "likeness, 2 workers" "$l2" "$(ratio "$l2" "$p2")" "$(ratio "$l2" "$d2")"
printf '%-34s %10s\n' "Pillow, 1 process" "$p1"
printf '%-34s %10s\n' "Pillow + draft, 1 process" "$d1"
printf '%-34s %10s\n' "Pillow, 2 processes" "$p2"
printf '%-34s %10s\n' "Pillow + draft, 2 processes" "$d2"
echo "(2-worker ratios compare against the 2-process Pillow runs)"
