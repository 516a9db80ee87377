#!/usr/bin/env python3
"""Compares Likeness' aHash/dHash/pHash/wHash bits with ImageHash's on the same files.

Differences come from resampling: ImageHash decodes the full image and resizes with Pillow's
Lanczos filter; Likeness shrinks on load (libjpeg DCT scaling) and resizes with libvips (box +
bicubic), and wHash is taken at a fixed 64x64 scale instead of the image's own power of two.
Usage: crosscheck.py LIKENESS_BINARY DIR
"""
import json
import os
import subprocess
import sys

import imagehash
from PIL import Image

likeness, folder = sys.argv[1], sys.argv[2]
methods = {"ahash": imagehash.average_hash, "dhash": imagehash.dhash, "phash": imagehash.phash, "whash": imagehash.whash}
paths = []
for root, dirs, names in os.walk(folder):
    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
    paths += [os.path.join(root, n) for n in sorted(names) if not n.startswith(".")]
args = [likeness, "hash", "--json"] + [a for m in methods for a in ("--method", m)] + paths
ours = {line["path"]: line.get("hashes") for line in json.loads(subprocess.run(args, capture_output=True, text=True).stdout)}
print(f"{'method':8} {'files':>5} {'mean':>6} {'median':>6} {'max':>4} {'<=4 bits':>9}")
for method, function in methods.items():
    distances = []
    for path in paths:
        if not ours.get(path):
            continue
        with Image.open(path) as im:
            theirs = imagehash.hex_to_hash(str(function(im)))
        mine = imagehash.hex_to_hash(ours[path][method])
        distances.append(mine - theirs)
    distances.sort()
    n = len(distances)
    print(f"{method:8} {n:5d} {sum(distances) / n:6.2f} {distances[n // 2]:6d} {distances[-1]:4d} "
          f"{sum(d <= 4 for d in distances) / n:8.0%}")
