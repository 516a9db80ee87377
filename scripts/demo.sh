#!/usr/bin/env bash
# The demo: real photos from Debian packages plus exact copies, scanned into a fresh SQLite catalog,
# then the duplicate groups. Run through `make demo` (which sets up and builds first).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cache="${LIKENESS_CACHE:-$HOME/.cache/likeness}"
likeness="$here/.build/release/likeness"
demo="$cache/demo"
photos="$demo/photos"
catalog="$demo/catalog.sqlite"

rm -rf "$demo"
mkdir -p "$photos/copies"
cp -r "$cache/photos/mate" "$cache/photos/opencv" "$photos/"
# Exact copies under other names: what a duplicate finder must catch.
cp "$photos/mate/Storm.jpg" "$photos/copies/IMG_0001.jpg"
cp "$photos/mate/Storm.jpg" "$photos/copies/Storm (1).jpg"
cp "$photos/opencv/fruits.jpg" "$photos/copies/fruits-backup.jpg"
# And two files that are not good images, to show how failures are reported.
printf 'not a photo\n' > "$photos/copies/notes.jpg"
head -c 20000 "$photos/mate/Garden.jpg" > "$photos/copies/Garden-truncated.jpg"

echo "== likeness scan $photos"
"$likeness" scan "$photos" --catalog "$catalog"
echo
echo "== likeness scan again (incremental: nothing to read)"
"$likeness" scan "$photos" --catalog "$catalog"
echo
echo "== likeness dupes --exact"
"$likeness" dupes --exact --catalog "$catalog"
