#!/usr/bin/env bash
# Extracts real photos from Debian's mate-backgrounds and opencv-doc packages into
# $LIKENESS_CACHE/photos without installing the packages. Idempotent.
#   photos/mate/     12 nature photos, 1.3–4.9 MP
#   photos/opencv/   the JPEG and PNG photos of OpenCV's sample data
#   photos/large/    the mate photos enlarged to 12 MP (4000×3000) for decode benchmarks
set -euo pipefail

cache="${LIKENESS_CACHE:-$HOME/.cache/likeness}"
photos="$cache/photos"
debs="$cache/debs"
log() { printf 'fetch-photos: %s\n' "$*" >&2; }

if [ -f "$photos/.complete" ]; then
  log "photos present in $photos"
  exit 0
fi

mkdir -p "$debs" "$photos/mate" "$photos/opencv" "$photos/large"
for package in mate-backgrounds opencv-doc; do
  if ! ls "$debs/${package}"_*.deb >/dev/null 2>&1; then
    log "downloading $package"
    (cd "$debs" && apt-get download "$package" 2>/dev/null) || {
      if [ "$(id -u)" -eq 0 ]; then apt-get update -qq; else sudo apt-get update -qq; fi
      (cd "$debs" && apt-get download "$package")
    }
  fi
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
dpkg -x "$debs"/mate-backgrounds_*.deb "$tmp/mate"
dpkg -x "$debs"/opencv-doc_*.deb "$tmp/opencv"
cp "$tmp"/mate/usr/share/backgrounds/mate/nature/*.jpg "$photos/mate/"
data="$tmp/opencv/usr/share/doc/opencv-doc/examples/data"
# Photos only: skip synthetic charts, logos, text and calibration boards.
for name in aero1.jpg aero3.jpg apple.jpg baboon.jpg basketball1.png basketball2.png box.png box_in_scene.png \
            building.jpg butterfly.jpg fruits.jpg graf1.png graf3.png home.jpg lena.jpg leuvenA.jpg leuvenB.jpg \
            messi5.jpg orange.jpg pic1.png pic2.png pic3.png pic4.png pic5.png pic6.png rubberwhale1.png \
            rubberwhale2.png smarties.png squirrel_cls.jpg starry_night.jpg stuff.jpg HappyFish.jpg \
            Blender_Suzanne1.jpg Blender_Suzanne2.jpg; do
  if [ -f "$data/$name" ]; then cp "$data/$name" "$photos/opencv/"; fi
done

# 12-megapixel versions for the decode benchmark (vips is part of libvips-tools or the Swift CLI is not built yet,
# so enlarge with Pillow from the cache's venv).
python="$cache/venv/bin/python"
"$python" - "$photos/mate" "$photos/large" <<'PY'
import sys, pathlib
from PIL import Image
src, dst = map(pathlib.Path, sys.argv[1:])
for path in sorted(src.glob("*.jpg")):
    with Image.open(path) as im:
        im.convert("RGB").resize((4000, 3000), Image.LANCZOS).save(dst / path.name, quality=90)
PY
touch "$photos/.complete"
log "photos in $photos: $(find "$photos" -type f ! -name .complete | wc -l) files"
