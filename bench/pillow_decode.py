#!/usr/bin/env python3
"""Peer benchmark: read and decode images to a 224x224 RGB array with Pillow.

This is what a typical Python pipeline does: Image.open(path).convert("RGB").resize((224, 224)).
--draft additionally lets Pillow's JPEG decoder scale by 1/2, 1/4 or 1/8 while decoding
(Pillow's own shrink-on-load), which is the fairest Pillow can be. --workers N uses a process pool.
Prints one JSON object.
"""
import argparse
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from PIL import Image

SIZE = 224


def decode(path, draft):
    try:
        with Image.open(path) as im:
            if draft:
                im.draft("RGB", (SIZE, SIZE))
            pixels = im.convert("RGB").resize((SIZE, SIZE))
            return len(pixels.tobytes())
    except Exception:
        return None


def decode_all(paths, draft):
    return [decode(p, draft) for p in paths]


def files(roots):
    found = []
    for root in roots:
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(folder, n) for n in sorted(names) if not n.startswith(".")]
    return sorted(found)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dirs", nargs="+")
    parser.add_argument("--draft", action="store_true")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    paths = files(args.dirs)
    if not paths:
        sys.exit("no files found")
    decode(paths[0], args.draft)  # warm-up, untimed
    best = None
    for _ in range(max(1, args.repeats)):
        start = time.perf_counter()
        if args.workers > 1:
            chunks = [paths[i::args.workers] for i in range(args.workers)]
            with ProcessPoolExecutor(args.workers) as pool:
                results = [r for chunk in pool.map(decode_all, chunks, [args.draft] * args.workers) for r in chunk]
        else:
            results = decode_all(paths, args.draft)
        seconds = time.perf_counter() - start
        decoded = sum(r is not None for r in results)
        rate = decoded / seconds if seconds > 0 else 0
        if best is None or rate > best["imagesPerSecond"]:
            best = {"files": len(paths), "decoded": decoded, "seconds": seconds, "imagesPerSecond": rate,
                    "workers": args.workers, "draft": args.draft}
    print(json.dumps(best))


if __name__ == "__main__":
    main()
