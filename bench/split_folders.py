"""Splits a folder-per-class image set into OUT/train/CLASS/ and OUT/test/CLASS/: a seeded share of
each class's files (sorted by name, then shuffled) goes to test, the rest to train. Files are copied,
the source is left as it is.

Usage: python bench/split_folders.py SOURCE OUT [--test 0.2] [--seed 1]
"""
import argparse
import os
import random
import shutil


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--test", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generator = random.Random(args.seed)
    counts = {"train": 0, "test": 0}
    for label in sorted(os.listdir(args.source)):
        folder = os.path.join(args.source, label)
        if not os.path.isdir(folder):
            continue
        files = sorted(os.listdir(folder))
        generator.shuffle(files)
        held = max(1, round(len(files) * args.test))
        for split, names in (("test", files[:held]), ("train", files[held:])):
            target = os.path.join(args.out, split, label)
            os.makedirs(target, exist_ok=True)
            for name in names:
                shutil.copyfile(os.path.join(folder, name), os.path.join(target, name))
            counts[split] += len(names)
    print(f"{counts['train']} train and {counts['test']} test images → {args.out}")


if __name__ == "__main__":
    main()
