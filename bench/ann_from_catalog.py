#!/usr/bin/env python3
"""Real embeddings for `likeness bench ann --from DIR`: the vectors one model stored in one or more
SQLite catalogs, written as base.fvecs and query.fvecs (every `--every`-th vector is a query and
is left out of the base), with each query's exact top 10 by cosine in groundtruth.ivecs.

Usage: python bench/ann_from_catalog.py OUT_DIR CATALOG.sqlite [CATALOG.sqlite ...]
           [--model efficientnet-lite0] [--every 14]
Then:  likeness bench ann --from OUT_DIR --index hnsw --json > OUT_DIR/likeness.json
       python bench/ann_peer.py OUT_DIR
The catalogs are opened read-only.
"""
import argparse
import os
import sqlite3

import numpy as np


def stored_vectors(path, model):
    """The model's vectors in one catalog, in image-id order, as float32 rows."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT dimension, vector FROM image_embedding WHERE model_id = ? ORDER BY image_id", (model,)).fetchall()
    return [np.frombuffer(blob, dtype="<f4", count=dimension) for dimension, blob in rows]


def write_vecs(path, rows, dtype):
    rows = np.asarray(rows, dtype=dtype)
    with open(path, "wb") as out:
        for row in rows:
            np.array([rows.shape[1]], dtype=np.int32).tofile(out)
            row.tofile(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("catalogs", nargs="+")
    parser.add_argument("--model", default="efficientnet-lite0")
    parser.add_argument("--every", type=int, default=14)
    args = parser.parse_args()
    vectors = [v for path in args.catalogs for v in stored_vectors(path, args.model)]
    if len(vectors) < 2 * args.every:
        raise SystemExit(f"only {len(vectors)} vectors of {args.model} in {args.catalogs}")
    if len({len(v) for v in vectors}) != 1:
        raise SystemExit("the catalogs hold vectors of more than one length for this model")
    all_rows = np.stack(vectors).astype(np.float32)
    is_query = np.arange(len(all_rows)) % args.every == args.every - 1
    base, queries = all_rows[~is_query], all_rows[is_query]
    unit = lambda x: x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
    scores = unit(queries) @ unit(base).T
    # Closest first; ties by lower id, as likeness's exact index orders them.
    truth = np.lexsort((np.broadcast_to(np.arange(base.shape[0]), scores.shape), -scores), axis=1)[:, :10]
    os.makedirs(args.out, exist_ok=True)
    write_vecs(os.path.join(args.out, "base.fvecs"), base, np.float32)
    write_vecs(os.path.join(args.out, "query.fvecs"), queries, np.float32)
    write_vecs(os.path.join(args.out, "groundtruth.ivecs"), truth, np.int32)
    print(f"{base.shape[0]} base and {queries.shape[0]} query vectors of {base.shape[1]} dimensions in {args.out}")


if __name__ == "__main__":
    main()
