#!/usr/bin/env python3
"""Peer for the hashing benchmark and cross-check: ImageHash on the same files.

  imagehash_peer.py speed DIR... [--method phash] [--repeats N]
      images/s of imagehash.<method>(Image.open(path)), single process; prints one JSON object.
  imagehash_peer.py hashes DIR... [--method phash]
      one JSON object {path: hex} of ImageHash's hashes, for the bit-level cross-check.
"""
import argparse
import json
import os
import sys
import time

import imagehash
from PIL import Image

METHODS = {
    "ahash": imagehash.average_hash,
    "dhash": imagehash.dhash,
    "phash": imagehash.phash,
    "whash": imagehash.whash,
}


def files(roots):
    found = []
    for root in roots:
        if os.path.isfile(root):
            found.append(root)
            continue
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(folder, n) for n in sorted(names) if not n.startswith(".")]
    return sorted(found)


def hash_file(path, method):
    with Image.open(path) as im:
        return str(METHODS[method](im))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=["speed", "hashes"])
    parser.add_argument("dirs", nargs="+")
    parser.add_argument("--method", default="phash", choices=sorted(METHODS))
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()
    paths = files(args.dirs)
    if not paths:
        sys.exit("no files found")
    if args.mode == "hashes":
        print(json.dumps({os.path.abspath(p): hash_file(p, args.method) for p in paths}))
        return
    hash_file(paths[0], args.method)  # warm-up, untimed
    best = None
    for _ in range(max(1, args.repeats)):
        start = time.perf_counter()
        for path in paths:
            hash_file(path, args.method)
        seconds = time.perf_counter() - start
        rate = len(paths) / seconds
        if best is None or rate > best["imagesPerSecond"]:
            best = {"files": len(paths), "seconds": seconds, "imagesPerSecond": rate, "method": args.method}
    print(json.dumps(best))


if __name__ == "__main__":
    main()
