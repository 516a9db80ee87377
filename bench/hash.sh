#!/usr/bin/env bash
# Hashing benchmark and cross-check: Likeness against ImageHash on the same files, in one run.
# Usage: bench/hash.sh DIR [REPEATS]      (run `make build` first)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: bench/hash.sh DIR [REPEATS]}"
repeats="${2:-3}"
cache="${LIKENESS_CACHE:-$HOME/.cache/likeness}"
likeness="$here/.build/release/likeness"
python="$cache/venv/bin/python"
[ -x "$likeness" ] || { echo "build first: make build" >&2; exit 1; }

rate() { "$python" -c 'import json,sys; print("%.2f" % json.load(sys.stdin)["imagesPerSecond"])'; }
ratio() { "$python" -c "print('%.1fx' % ($1 / $2))"; }

echo "files: $(find "$dir" -type f ! -name '.*' | wc -l) in $dir; best of $repeats passes"
echo "ImageHash runs in one Python process; Likeness with 1 worker thread, then with 2 (one process either way)"
printf '%-8s %12s %12s %16s %10s %10s\n' method "1 worker" "2 workers" "ImageHash img/s" "ratio (1)" "ratio (2)"
for method in phash dhash ahash whash; do
  one=$("$likeness" bench hash "$dir" --method "$method" --workers 1 --repeats "$repeats" --json | rate)
  two=$("$likeness" bench hash "$dir" --method "$method" --workers 2 --repeats "$repeats" --json | rate)
  theirs=$("$python" "$here/bench/imagehash_peer.py" speed "$dir" --method "$method" --repeats "$repeats" | rate)
  printf '%-8s %12s %12s %16s %10s %10s\n' "$method" "$one" "$two" "$theirs" "$(ratio "$one" "$theirs")" "$(ratio "$two" "$theirs")"
done
echo
echo "bit agreement with ImageHash (Hamming distance of 64-bit hashes, same files):"
"$python" "$here/bench/crosscheck.py" "$likeness" "$dir"
