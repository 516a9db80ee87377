#!/usr/bin/env python3
"""Times Levenshtein and Jaro-Winkler in Likeness against rapidfuzz on the same string pairs.

Writes N seeded pairs (default 100,000) of 10-1,000 lower-case letters to a tab-separated file:
half are a string and a copy with up to 30 % random edits, half two unrelated strings. Then, in
the same run and one thread each, times rapidfuzz's `process.cpdist` (C++, no Python loop per
pair, workers=1) and `likeness bench text FILE --metric M` (which times the conversion to
scalars and the metric over every pair; process start and file reading are not timed, as the
Python side's are not), and checks that both sums of scores agree (exactly for distances).

Usage: text_speed.py LIKENESS [--pairs 100000] [--seed 1] [--repeats 3]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler, Levenshtein

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def make_pairs(count, seed):
    rng = random.Random(seed)
    pairs = []
    for index in range(count):
        a = "".join(rng.choices(LETTERS, k=rng.randint(10, 1000)))
        if index % 2 == 0:
            b = list(a)
            for _ in range(rng.randint(0, len(a) * 3 // 10)):
                position = rng.randrange(len(b)) if b else 0
                kind = rng.randrange(3)
                if kind == 0 and b:
                    b[position] = rng.choice(LETTERS)
                elif kind == 1:
                    b.insert(position, rng.choice(LETTERS))
                elif kind == 2 and len(b) > 1:
                    del b[position]
            b = "".join(b)
        else:
            b = "".join(rng.choices(LETTERS, k=rng.randint(10, 1000)))
        pairs.append((a, b))
    return pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("likeness")
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    pairs = make_pairs(args.pairs, args.seed)
    left, right = [a for a, _ in pairs], [b for _, b in pairs]
    print(f"{len(pairs)} pairs, {sum(len(a) + len(b) for a, b in pairs) / len(pairs) / 2:.0f} letters on average; load average {os.getloadavg()[0]:.2f}")
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "pairs.tsv")
        with open(path, "w") as out:
            for a, b in pairs:
                out.write(f"{a}\t{b}\n")
        for name, scorer, kwargs in [("levenshtein", Levenshtein.distance, {}), ("jaro-winkler", JaroWinkler.similarity, {"prefix_weight": 0.1})]:
            best, checksum = float("inf"), 0.0
            for _ in range(args.repeats):
                started = time.perf_counter()
                scores = process.cpdist(left, right, scorer=scorer, workers=1, scorer_kwargs=kwargs or None)
                best = min(best, time.perf_counter() - started)
                checksum = float(scores.sum(dtype="float64"))
            run = subprocess.run([args.likeness, "bench", "text", path, "--metric", name, "--repeats", str(args.repeats), "--json"],
                                 capture_output=True, text=True, check=True)
            ours = json.loads(run.stdout)
            agree = ours["checksum"] == checksum if name == "levenshtein" else abs(ours["checksum"] - checksum) <= 1e-6 * len(pairs)
            ok &= agree
            print(f"{name:13} rapidfuzz {len(pairs) / best:12,.0f} pairs/s ({best:.3f} s)   likeness {ours['pairsPerSecond']:12,.0f} pairs/s "
                  f"({ours['seconds']:.3f} s)   likeness/rapidfuzz speed {best / ours['seconds']:.2f}x   sums {'agree' if agree else 'DIFFER'} "
                  f"({ours['checksum']:.6f} vs {checksum:.6f})")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
