#!/usr/bin/env bash
# `likeness hash` (the user command, on every core) against ImageHash pHash on the same 64
# twelve-megapixel JPEGs, in one run. Usage: bench/hash_command.sh [REPEATS]   (run `make build` first)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repeats="${1:-3}"
cache="${LIKENESS_CACHE:-$HOME/.cache/likeness}"
likeness="$here/.build/release/likeness"
python="$cache/venv/bin/python"
[ -x "$likeness" ] || { echo "build first: make build" >&2; exit 1; }

# 64 files: the twelve large photos from setup, copied round-robin under distinct names.
set64="$cache/bench/hash64"
if [ "$(find "$set64" -name '*.jpg' 2>/dev/null | wc -l)" -ne 64 ]; then
  mkdir -p "$set64"
  mapfile -t large < <(find "$cache/photos/large" -name '*.jpg' | sort)
  for i in $(seq 0 63); do cp "${large[$((i % ${#large[@]}))]}" "$set64/$(printf '%02d' "$i")-$(basename "${large[$((i % ${#large[@]}))]}")"; done
fi
files=("$set64"/*.jpg)

best=""
for _ in $(seq "$repeats"); do
  start=$(date +%s.%N)
  "$likeness" hash --method phash "${files[@]}" > /dev/null
  end=$(date +%s.%N)
  rate=$("$python" -c "print('%.2f' % (${#files[@]} / ($end - $start)))")
  best=$("$python" -c "print(max(float('$rate'), float('${best:-0}')))")
done
# The same path timed inside the process (as the ImageHash script times itself: no start-up).
inside=$("$likeness" bench hash "$set64" --method phash --workers "$(nproc)" --repeats "$repeats" --json \
  | "$python" -c 'import json,sys; print("%.2f" % json.load(sys.stdin)["imagesPerSecond"])')
theirs=$("$python" "$here/bench/imagehash_peer.py" speed "$set64" --method phash --repeats "$repeats" \
  | "$python" -c 'import json,sys; print("%.2f" % json.load(sys.stdin)["imagesPerSecond"])')
ratio() { "$python" -c "print('%.1fx' % ($1 / $theirs))"; }
echo "files: ${#files[@]} JPEGs in $set64 ($(nproc) cores); best of $repeats passes"
printf '%-52s %10s %8s\n' "" "images/s" "ratio"
printf '%-52s %10s %8s\n' "likeness hash --method phash (whole process)" "$best" "$(ratio "$best")"
printf '%-52s %10s %8s\n' "likeness bench hash, same path, timed in process" "$inside" "$(ratio "$inside")"
printf '%-52s %10s %8s\n' "ImageHash phash, timed in process" "$theirs" "1.0x"
