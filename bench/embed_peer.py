#!/usr/bin/env python3
"""Peer for the embedding benchmark: Pillow decode + resize + onnxruntime, same ONNX model.

Resize the short side to 256 (bicubic), cut the centre 224x224, batch, run the model with the
given intra-op threads; decoding and inference alternate in one process (no overlap), as a
plain script does. Prints one JSON object with images/s and the time split.
Usage: embed_peer.py MODEL.onnx DIR... [--threads N] [--batch N]
"""
import argparse
import json
import os
import time

import numpy as np
import onnxruntime as ort
from PIL import Image


def files(roots):
    found = []
    for root in roots:
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [os.path.join(folder, n) for n in sorted(names) if not n.startswith(".")]
    return sorted(found)


def load(path):
    with Image.open(path) as im:
        im = im.convert("RGB")
        w, h = im.size
        scale = 256 / min(w, h)
        im = im.resize((max(256, round(w * scale)), max(256, round(h * scale))), Image.BICUBIC)
        w, h = im.size
        left, top = (w - 224) // 2, (h - 224) // 2
        return np.asarray(im.crop((left, top, left + 224, top + 224)), dtype=np.uint8)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("dirs", nargs="+")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batch", type=int, default=16)
    args = parser.parse_args()
    options = ort.SessionOptions()
    options.intra_op_num_threads = args.threads
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(args.model, options, providers=["CPUExecutionProvider"])
    paths = files(args.dirs)
    session.run(["embedding"], {"image": load(paths[0])[None]})  # warm-up
    decode = infer = 0.0
    start = time.perf_counter()
    for i in range(0, len(paths), args.batch):
        t = time.perf_counter()
        batch = np.stack([load(p) for p in paths[i:i + args.batch]])
        decode += time.perf_counter() - t
        t = time.perf_counter()
        session.run(["embedding"], {"image": batch})
        infer += time.perf_counter() - t
    seconds = time.perf_counter() - start
    print(json.dumps({"files": len(paths), "seconds": seconds, "imagesPerSecond": len(paths) / seconds,
                      "decodeSeconds": decode, "inferenceSeconds": infer, "threads": args.threads}))


if __name__ == "__main__":
    main()
