#!/usr/bin/env python3
"""The PyTorch peer of `likeness train triplet`: the same head, batches, loss and optimiser on the
same cached features, timed per epoch on the same number of threads, in the same run.

The features are the `.npy` cache `likeness train triplet --cache-features DIR` (and `bench
cluster-data`) writes for Fashion-MNIST: `<DIR>/<method>.npy` (70,000 x d float32, the train file
then t10k) and `<DIR>/classes.npy`. The first 60,000 rows train (minus a seeded validation share,
as Likeness holds out), the last 10,000 are the test queries.

What is mirrored from Likeness (Sources/LikenessLearning/Network):
  - inputs standardised with the training rows' mean and standard deviation;
  - Linear(d, h1) ReLU ... Linear(hn, dim), then L2 normalisation;
  - P classes x K examples per batch (P = min(classes, batch / 2), K = batch / P);
  - batch-hard mining on squared Euclidean distances, triplet loss with a margin that grows
    linearly from the first to the last epoch;
  - AdamW (decoupled weight decay) with a cosine learning-rate decay over all steps.
Initial weights and the batch order come from PyTorch's own generator, so the losses are not
bit-identical to Likeness'; the work per epoch is the same.

With --likeness BINARY, runs `BINARY train triplet ... --json` first on the same data (the head is
saved under a temporary name in the models folder and removed after it is read), applies the
saved head to the test features in numpy for its test P@5, and prints both times and the ratio.
Usage:

  ~/.cache/likeness/venv-torch/bin/python bench/triplet_peer.py --likeness .build/release/likeness \\
      --features ~/.cache/likeness/bench/fashion --epochs 3 --threads 2
"""
import argparse
import json
import math
import os
import subprocess
import sys
import time

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--features", required=True, help="folder with <method>.npy and classes.npy")
    parser.add_argument("--method", default="efficientnet-lite0")
    parser.add_argument("--train-rows", type=int, default=60000)
    parser.add_argument("--hidden", default="512,128")
    parser.add_argument("--dim", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--margin", default="0.2:0.4")
    parser.add_argument("--mining", default="semi-hard", choices=["batch-hard", "semi-hard"])
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--weight-decay", type=float, default=1e-4)
    parser.add_argument("--validation", type=float, default=0.1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--likeness", help="the likeness binary: also run it and print the ratio")
    parser.add_argument("--keep", help="save Likeness' head under this name and keep it (default: a temporary name, removed)")
    parser.add_argument("--dataset", default="/usr/share/datasets/fashion-mnist")
    args = parser.parse_args()

    likeness = None
    if args.likeness:
        likeness = run_likeness(args)

    import torch
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    features = np.load(os.path.join(args.features, args.method.replace("/", "_") + ".npy"))
    classes = np.load(os.path.join(args.features, "classes.npy"))
    train_x, train_y = features[:args.train_rows], classes[:args.train_rows]
    test_x, test_y = features[args.train_rows:], classes[args.train_rows:]
    rng = np.random.default_rng(args.seed)
    held = np.zeros(len(train_y), dtype=bool)
    for c in np.unique(train_y):
        members = np.flatnonzero(train_y == c)
        rng.shuffle(members)
        held[members[:max(1, round(len(members) * args.validation))]] = True
    fit_x, fit_y = train_x[~held], train_y[~held]
    mean, std = fit_x.mean(0), fit_x.std(0)
    std[std < 1e-12] = 1
    fit_x = torch.from_numpy((fit_x - mean) / std).float()
    test_t = torch.from_numpy((test_x - mean) / std).float()

    widths = [features.shape[1]] + [int(h) for h in args.hidden.split(",") if h] + [args.dim]
    layers = []
    for i in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    start_margin, end_margin = (float(m) for m in args.margin.split(":"))
    labels = np.unique(fit_y)
    per_class = max(2, args.batch // min(len(labels), args.batch // 2))
    take = min(len(labels), args.batch // per_class)
    per_class = args.batch // take
    steps = math.ceil(len(fit_y) / (take * per_class))
    optimiser = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    total = steps * args.epochs
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: 0.5 * (1 + math.cos(math.pi * s / total)))
    members = {c: np.flatnonzero(fit_y == c) for c in labels}
    times = []
    for epoch in range(args.epochs):
        margin = start_margin + (end_margin - start_margin) * (epoch / max(1, args.epochs - 1))
        started = time.perf_counter()
        total_loss = 0.0
        for _ in range(steps):
            chosen = rng.choice(labels, size=take, replace=False)
            batch = np.concatenate([rng.choice(members[c], size=per_class, replace=len(members[c]) < per_class) for c in chosen])
            x = fit_x[batch]
            y = torch.from_numpy(fit_y[batch])
            z = torch.nn.functional.normalize(net(x), dim=1)
            loss = triplet_loss(z, y, margin, args.mining)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            scheduler.step()
            total_loss += loss.item()
        seconds = time.perf_counter() - started
        times.append(seconds)
        print(f"torch epoch {epoch + 1}: loss {total_loss / steps:.4f}, {seconds:.2f} s", file=sys.stderr)
    with torch.no_grad():
        z = torch.nn.functional.normalize(net(test_t), dim=1)
        similarity = z @ z.T
        similarity.fill_diagonal_(-2)
        top = similarity.topk(5, dim=1).indices.numpy()
    p5 = float((test_y[top] == test_y[:, None]).mean())
    torch_epoch = float(np.median(times))
    print(f"pytorch {torch.__version__}: {torch_epoch:.2f} s per epoch (median of {args.epochs}), test P@5 {p5:.3f}, {args.threads} threads")
    if likeness is not None:
        ours = float(np.median(likeness["epochSeconds"]))
        print(f"likeness: {ours:.2f} s per epoch (median of {len(likeness['epochSeconds'])}), validation P@5 "
              f"{likeness['bestValidationPrecision']:.3f} (epoch {likeness['bestEpoch']}), test P@5 {likeness['testPrecisionAt5']:.3f}, {args.threads} threads")
        print(f"ratio pytorch / likeness seconds per epoch: {torch_epoch / ours:.2f} (above 1: Likeness is faster)")


def triplet_loss(z, y, margin, mining):
    """The mean triplet loss of a batch on squared distances, mined as Likeness mines."""
    import torch
    norms = (z * z).sum(1)
    distances = (norms[:, None] + norms[None, :] - 2 * z @ z.T).clamp(min=0)
    same = y[:, None] == y[None, :]
    if mining == "batch-hard":
        hardest_positive = (distances * same).max(1).values
        hardest_negative = (distances + same * 1e9).min(1).values
        return torch.relu(hardest_positive - hardest_negative + margin).mean()
    # Semi-hard: every (anchor, positive) with its nearest negative beyond the positive, else its farthest negative.
    positive = same & ~torch.eye(len(y), dtype=torch.bool)
    negative = ~same
    to_positive = distances[:, :, None]
    to_negative = distances[:, None, :].expand(-1, len(y), -1)
    beyond = negative[:, None, :] & (to_negative > to_positive)
    nearest_beyond = torch.where(beyond, to_negative, torch.full_like(to_negative, 1e9)).min(2).values
    farthest = torch.where(negative, distances, torch.full_like(distances, -1e9)).max(1).values
    chosen = torch.where(nearest_beyond < 1e8, nearest_beyond, farthest[:, None].expand_as(nearest_beyond))
    return torch.relu(distances - chosen + margin)[positive].mean()


def run_likeness(args):
    """Runs `likeness train triplet` on the same cached features, reads the head it saved, removes
    the head's two files (this script's own, unless --keep names it), and returns the JSON result with the test P@5 of the
    head applied here in numpy to the cached test features (a cross-check of `likeness eval`)."""
    name = args.keep or f"bench-triplet-peer-{os.getpid()}"
    command = [args.likeness, "train", "triplet", args.dataset, "--on", args.method, "--layout", "idx",
               "--cache-features", args.features, "--hidden", args.hidden, "--dim", str(args.dim),
               "--epochs", str(args.epochs), "--batch", str(args.batch), "--margin", args.margin, "--mining", args.mining,
               "--lr", str(args.lr), "--weight-decay", str(args.weight_decay), "--seed", str(args.seed),
               "--threads", str(args.threads), "--validation", str(args.validation), "--save", name, "--json"]
    print(" ".join(command), file=sys.stderr)
    output = subprocess.run(command, check=True, capture_output=True, text=True)
    sys.stderr.write(output.stderr)
    result = json.loads(output.stdout)
    manifest_path = result["manifestPath"]
    with open(manifest_path) as handle:
        manifest = json.load(handle)
    weights_path = os.path.join(os.path.dirname(manifest_path), manifest["weights"]["file"])
    weights = np.fromfile(weights_path, dtype="<f4")
    if not args.keep:
        os.remove(manifest_path)
        os.remove(weights_path)
    features = np.load(os.path.join(args.features, args.method.replace("/", "_") + ".npy"))[args.train_rows:]
    classes = np.load(os.path.join(args.features, "classes.npy"))[args.train_rows:]
    x = (features - np.array(manifest["standardizer"]["mean"], dtype=np.float32)) / np.array(manifest["standardizer"]["scale"], dtype=np.float32)
    offset = 0
    for layer in manifest["architecture"]["layers"]:
        if "dense" in layer:
            inputs, outputs = layer["dense"]["inputs"], layer["dense"]["outputs"]
            w = weights[offset:offset + inputs * outputs].reshape(outputs, inputs)
            b = weights[offset + inputs * outputs:offset + inputs * outputs + outputs]
            offset += inputs * outputs + outputs
            x = x @ w.T + b
        elif "relu" in layer:
            x = np.maximum(x, 0)
        elif "l2Normalization" in layer:
            x = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
        else:
            raise SystemExit(f"this check does not apply {layer}")
    result["testPrecisionAt5"] = precision_at_5(x, classes)
    return result


def precision_at_5(vectors, classes):
    """P@5 of every row against all others by cosine (rows are unit length)."""
    hits = 0.0
    for start in range(0, len(vectors), 1000):
        similarity = vectors[start:start + 1000] @ vectors.T
        for row in range(similarity.shape[0]):
            similarity[row, start + row] = -2
        top = np.argpartition(-similarity, 5, axis=1)[:, :5]
        hits += (classes[top] == classes[start:start + similarity.shape[0], None]).sum()
    return hits / (len(vectors) * 5)


if __name__ == "__main__":
    main()
