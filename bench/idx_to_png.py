"""Writes the images of an IDX file (MNIST, Fashion-MNIST) as PNG files, one folder per label
when a label file is given, so folder-based jobs (scan, dupes, eval) can run on them.

Usage: python bench/idx_to_png.py IMAGES.gz OUT_DIR [--labels LABELS.gz] [--count N]
"""
import argparse
import gzip
import os
import struct

from PIL import Image


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, kind, dims = struct.unpack(">HBB", data[:4])
    assert zero == 0 and kind == 0x08, f"{path}: not an unsigned-byte IDX file"
    shape = struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims])
    return shape, data[4 + 4 * dims :]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("images")
    parser.add_argument("out")
    parser.add_argument("--labels")
    parser.add_argument("--count", type=int)
    args = parser.parse_args()
    (count, rows, cols), pixels = read_idx(args.images)
    labels = read_idx(args.labels)[1] if args.labels else None
    count = min(count, args.count or count)
    for i in range(count):
        folder = os.path.join(args.out, str(labels[i])) if labels else args.out
        os.makedirs(folder, exist_ok=True)
        start = i * rows * cols
        Image.frombytes("L", (cols, rows), pixels[start : start + rows * cols]).save(os.path.join(folder, f"{i:05d}.png"))
    print(f"wrote {count} images to {args.out}")


if __name__ == "__main__":
    main()
