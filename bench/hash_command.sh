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
theirs=$("$python" "$here/bench/imagehash_peer.py" speed "$set64" --method phash --repeats "$repeats" \
  | "$python" -c 'import json,sys; print("%.2f" % json.load(sys.stdin)["imagesPerSecond"])')
echo "files: ${#files[@]} JPEGs in $set64 ($(nproc) cores); best of $repeats passes, whole process timed for likeness"
printf '%-28s %10s\n' "" "images/s"
printf '%-28s %10s\n' "likeness hash --method phash" "$best"
printf '%-28s %10s\n' "ImageHash phash" "$theirs"
echo "ratio: $("$python" -c "print('%.1fx' % ($best / $theirs))")"
