"""The same convolutional autoencoder as `likeness train autoencoder` (default widths 16,32), in
PyTorch on the CPU, for a seconds-per-epoch comparison on the same images and threads.

Encoder: per stage conv 3×3 (padding 1) → BatchNorm → ReLU → MaxPool 2, then Linear to the code.
Decoder: Linear → ReLU, per stage Upsample 2 (nearest) → conv 3×3, BatchNorm → ReLU except the
last, which ends in a sigmoid. Adam (lr 1e-3), MSE, batches in a seeded order. The images are held
in memory as a tensor (Likeness decodes each batch's PNGs from disk every epoch).

Usage: python bench/autoencoder_peer.py IMAGES-idx3-ubyte.gz --epochs 3 --batch 64 --code 64 --threads 2
"""
import argparse
import gzip
import struct
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, kind, dims = struct.unpack(">HBB", data[:4])
    shape = struct.unpack(">" + "I" * dims, data[4 : 4 + 4 * dims])
    return np.frombuffer(data[4 + 4 * dims :], dtype=np.uint8).reshape(shape)


def autoencoder(side, channels, code, widths):
    encoder, maps, previous = [], side, channels
    for width in widths:
        encoder += [nn.Conv2d(previous, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU(), nn.MaxPool2d(2)]
        previous, maps = width, maps // 2
    encoder += [nn.Flatten(), nn.Linear(previous * maps * maps, code)]
    decoder = [nn.Linear(code, previous * maps * maps), nn.ReLU(), nn.Unflatten(1, (previous, maps, maps))]
    for stage in reversed(range(len(widths))):
        nxt = channels if stage == 0 else widths[stage - 1]
        decoder += [nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(widths[stage], nxt, 3, padding=1)]
        decoder += [nn.Sigmoid()] if stage == 0 else [nn.BatchNorm2d(nxt), nn.ReLU()]
    return nn.Sequential(*encoder), nn.Sequential(*decoder)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("images")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--code", type=int, default=64)
    parser.add_argument("--widths", default="16,32")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    pixels = read_idx(args.images)
    side = pixels.shape[1]
    data = torch.from_numpy(pixels.astype(np.float32) / 255).reshape(-1, 1, side, side)
    encoder, decoder = autoencoder(side, 1, args.code, [int(w) for w in args.widths.split(",")])
    optimiser = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), lr=1e-3)
    generator = torch.Generator().manual_seed(args.seed)
    for epoch in range(1, args.epochs + 1):
        order = torch.randperm(len(data), generator=generator)
        started, total, batches = time.perf_counter(), 0.0, 0
        for start in range(0, len(data), args.batch):
            batch = data[order[start : start + args.batch]]
            if len(batch) < 2:
                continue
            loss = nn.functional.mse_loss(decoder(encoder(batch)), batch)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total, batches = total + loss.item(), batches + 1
        seconds = time.perf_counter() - started
        print(f"torch epoch {epoch}/{args.epochs}: loss {total / batches:.5f}, {seconds:.2f} s, {args.threads} threads, {len(data)} images")


if __name__ == "__main__":
    main()
