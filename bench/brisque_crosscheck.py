#!/usr/bin/env python3
"""Cross-checks Likeness' BRISQUE score against the `brisque` 0.2.0 package on the same pixels.

`likeness quality` scores the pixels fitted into 1024 x 1024 (never enlarged), while the package
scores whatever array it is given. So both are fed the same pixels: every image is converted to
RGB and fitted into 1024 x 1024 with Pillow (LANCZOS) and saved as a PNG in a temporary folder;
`likeness quality --json` measures that folder (a lossless file that already fits is decoded at
its own size, unresized) and the package scores the same PNGs read back with Pillow.

Prints per-image scores and differences, the max |difference|, and Pearson and Spearman
correlations. With --native, also the package's score on the original pixels (no fitting), to
show how much the scale alone moves BRISQUE.

Run with the environment setup makes for the reference (numpy < 2.4 and OpenCV):

  ~/.cache/likeness/venv-brisque/bin/python bench/brisque_crosscheck.py .build/debug/likeness \\
      ~/.cache/likeness/photos/large ~/.cache/likeness/photos/mate ~/.cache/likeness/photos/opencv
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
from PIL import Image
from scipy import stats

warnings.filterwarnings("ignore")
from brisque import BRISQUE  # noqa: E402

SIDE = 1024
EXTENSIONS = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".gif")


def images(folders):
    for folder in folders:
        for name in sorted(os.listdir(folder)):
            if name.lower().endswith(EXTENSIONS):
                yield os.path.join(folder, name)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("likeness", help="the likeness binary")
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--native", action="store_true", help="also score the original pixels with the package")
    args = parser.parse_args()
    reference = BRISQUE(url=False)
    with tempfile.TemporaryDirectory() as work:
        fitted = os.path.join(work, "fitted")
        os.mkdir(fitted)
        originals = {}
        for path in images(args.folders):
            image = Image.open(path).convert("RGB")
            image.thumbnail((SIDE, SIDE), Image.LANCZOS)
            name = os.path.basename(os.path.dirname(path)) + "-" + os.path.splitext(os.path.basename(path))[0] + ".png"
            image.save(os.path.join(fitted, name))
            originals[name] = path
        run = subprocess.run([args.likeness, "quality", fitted, "--json", "--catalog", os.path.join(work, "catalog.sqlite")],
                             check=True, capture_output=True, text=True)
        ours = {os.path.basename(e["path"]): e["scores"].get("brisque") for e in json.loads(run.stdout)["images"]}
        rows = []
        for name in sorted(originals):
            pixels = np.asarray(Image.open(os.path.join(fitted, name)).convert("RGB"))
            theirs = float(reference.score(pixels))
            native = float(reference.score(np.asarray(Image.open(originals[name]).convert("RGB")))) if args.native else None
            rows.append((name, ours.get(name), theirs, native))
    missing = [r[0] for r in rows if r[1] is None]
    if missing:
        sys.exit(f"likeness gave no BRISQUE score for {len(missing)} images (is the model installed?): {missing[:5]}")
    print(f"{'image':40} {'likeness':>9} {'brisque':>9} {'diff':>8}" + (f" {'native':>9}" if args.native else ""))
    for name, a, b, n in rows:
        print(f"{name[:40]:40} {a:9.3f} {b:9.3f} {a - b:8.4f}" + (f" {n:9.3f}" if n is not None else ""))
    a = np.array([r[1] for r in rows])
    b = np.array([r[2] for r in rows])
    print(f"\n{len(rows)} images: max |diff| {np.max(np.abs(a - b)):.4f}, mean |diff| {np.mean(np.abs(a - b)):.4f}, "
          f"Pearson {stats.pearsonr(a, b)[0]:.6f}, Spearman {stats.spearmanr(a, b)[0]:.6f}")
    if args.native:
        n = np.array([r[3] for r in rows])
        print(f"package, fitted vs native pixels: max |diff| {np.max(np.abs(b - n)):.3f}, "
              f"Pearson {stats.pearsonr(b, n)[0]:.4f}, Spearman {stats.spearmanr(b, n)[0]:.4f}")


if __name__ == "__main__":
    main()
