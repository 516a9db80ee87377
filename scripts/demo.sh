#!/usr/bin/env bash
# The demo: real photos from Debian packages plus edited and exact copies, scanned into a fresh
# SQLite catalog, then near-duplicate groups with the default model and an offline HTML report,
# clusters with the best shot of each, and a UMAP map.
# Run through `make demo` (which sets up and builds first).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cache="${LIKENESS_CACHE:-$HOME/.cache/likeness}"
likeness="$here/.build/release/likeness"
demo="$cache/demo"
photos="$demo/photos"
catalog="$demo/catalog.sqlite"
report="$demo/dupes.html"

rm -rf "$demo"
mkdir -p "$photos/copies"
cp -r "$cache/photos/mate" "$cache/photos/opencv" "$photos/"
# Exact copies under other names, and edited copies made with Pillow: what a duplicate finder must catch.
cp "$photos/mate/Storm.jpg" "$photos/copies/IMG_0001.jpg"
cp "$photos/opencv/fruits.jpg" "$photos/copies/fruits-backup.jpg"
"$cache/venv/bin/python" - "$photos" <<'PY'
import sys
from pathlib import Path
from PIL import Image, ImageFilter, ImageOps
photos = Path(sys.argv[1])
out = photos / "copies"
def load(name):
    return Image.open(photos / "mate" / name).convert("RGB")
load("Aqua.jpg").save(out / "Aqua-whatsapp.jpg", quality=25)
im = load("Garden.jpg"); w, h = im.size
im.crop((w // 10, h // 10, w - w // 10, h - h // 10)).save(out / "Garden-cropped.jpg", quality=90)
ImageOps.mirror(load("LadyBird.jpg")).save(out / "LadyBird-mirrored.jpg", quality=90)
load("Dune.jpg").filter(ImageFilter.GaussianBlur(3)).save(out / "Dune-blurred.jpg", quality=90)
im = load("Wood.jpg"); im.resize((im.width // 4, im.height // 4)).save(out / "Wood-thumbnail.jpg", quality=85)
PY
# And two files that are not good images, to show how failures are reported.
printf 'not a photo\n' > "$photos/copies/notes.jpg"
head -c 20000 "$photos/mate/Garden.jpg" > "$photos/copies/Garden-truncated.jpg"

echo "== likeness scan $photos"
"$likeness" scan "$photos" --catalog "$catalog"
echo
echo "== likeness dupes --exact"
"$likeness" dupes --exact --catalog "$catalog"
echo
echo "== likeness dupes $photos   (embeddings confirmed by pHash or local features; nothing is moved or deleted)"
"$likeness" dupes "$photos" --catalog "$catalog" --html "$report"
echo
echo "HTML report: $report"
echo
echo "== likeness cluster $photos --auto --best   (k chosen by silhouette; the best shot of each cluster)"
"$likeness" cluster "$photos" --catalog "$catalog" --auto --max-k 10 --best --limit 2 --html "$demo/clusters.html"
echo
echo "== likeness map $photos --projection umap"
"$likeness" map "$photos" --catalog "$catalog" --projection umap --neighbours 8 --html "$demo/map.html"
echo
echo "Cluster report: $demo/clusters.html   Map: $demo/map.html"
