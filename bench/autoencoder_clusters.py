"""k-means NMI and ARI against the classes for several features of the same images: raw pixels,
PCA of the raw pixels to the code's dimension, and .npy feature files (an encoder's codes, a
model's embeddings from `likeness bench cluster-data`).

With --map NAME=coords.csv (the CSV `likeness map … --csv` writes: path, x, y, group), the 2-D
map itself is clustered too, its classes read from the group column (a folder per class): the
seed's pipeline of codes → UMAP → k-means.

Usage: python bench/autoencoder_clusters.py IMAGES-idx3-ubyte.gz LABELS-idx1-ubyte.gz --pca 64 \
         --features ae=DIR/ae.npy --features efficientnet-lite0=DIR/efficientnet-lite0.npy \
         --map "UMAP of the codes=codes.csv"
"""
import argparse
import csv
import gzip
import struct

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, kind, dims = struct.unpack(">HBB", data[:4])
    shape = struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims])
    return np.frombuffer(data[4 + 4 * dims :], dtype=np.uint8).reshape(shape)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("images")
    parser.add_argument("labels")
    parser.add_argument("--pca", type=int, default=64)
    parser.add_argument("--features", action="append", default=[], help="NAME=FILE.npy")
    parser.add_argument("--map", action="append", default=[], help="NAME=coords.csv from likeness map --csv")
    parser.add_argument("--restarts", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    labels = read_idx(args.labels).astype(np.int64)
    pixels = read_idx(args.images).reshape(len(labels), -1).astype(np.float32) / 255
    features = {"raw pixels": pixels, f"PCA-{args.pca} of raw pixels": PCA(args.pca, random_state=args.seed).fit_transform(pixels)}
    for item in args.features:
        name, path = item.split("=", 1)
        features[name] = np.load(path).astype(np.float32)
    k = len(set(labels.tolist()))
    print(f"{len(labels)} images, {k} classes; k-means k={k}, {args.restarts} seeded starts (scikit-learn)")
    print("| features | d | NMI | ARI |")
    print("|---|---:|---:|---:|")
    for name, x in features.items():
        assert len(x) == len(labels), f"{name}: {len(x)} rows for {len(labels)} labels"
        predicted = KMeans(k, n_init=args.restarts, random_state=args.seed).fit_predict(x)
        print(f"| {name} | {x.shape[1]} | {normalized_mutual_info_score(labels, predicted):.3f} | {adjusted_rand_score(labels, predicted):.3f} |")
    for item in args.map:
        name, path = item.split("=", 1)
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
        points = np.array([[float(r["x"]), float(r["y"])] for r in rows], dtype=np.float32)
        groups = [r["group"] for r in rows]
        classes = sorted(set(groups))
        truth = np.array([classes.index(g) for g in groups])
        predicted = KMeans(len(classes), n_init=args.restarts, random_state=args.seed).fit_predict(points)
        print(f"| {name} ({len(rows)} points, {len(classes)} folders) | 2 | {normalized_mutual_info_score(truth, predicted):.3f} "
              f"| {adjusted_rand_score(truth, predicted):.3f} |")


if __name__ == "__main__":
    main()
