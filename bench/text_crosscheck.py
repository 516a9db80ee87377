#!/usr/bin/env python3
"""Cross-checks every string metric of `likeness text compare` against rapidfuzz and jellyfish.

Seeded random string pairs (DNA, lower-case letters, and a mixed alphabet with Latin-1, Greek,
CJK and an emoji, so scalars above 255 and the bit-parallel paths past 64 scalars are covered),
half of them mutated copies so distances are small as well as large. Each pair goes through one
`likeness text compare --json -- A B` (every metric) and through:

  levenshtein   rapidfuzz.distance.Levenshtein, jellyfish.levenshtein_distance    exact
  damerau-osa   rapidfuzz.distance.OSA                                            exact
  damerau       rapidfuzz.distance.DamerauLevenshtein, jellyfish.damerau_levenshtein_distance  exact
  hamming       rapidfuzz.distance.Hamming, jellyfish.hamming_distance (equal lengths only)   exact
  jaro          rapidfuzz.distance.Jaro, jellyfish.jaro_similarity                1e-6
  jaro-winkler  rapidfuzz.distance.JaroWinkler (prefix_weight 0.1), jellyfish.jaro_winkler_similarity  1e-6
  jaccard       a Python set Jaccard of 2-shingles (neither peer has shingle Jaccard)  1e-6

Strings are compared as code points on both sides (Python str, Likeness' Unicode scalars).
jellyfish calls two empty strings 0 for Jaro and Jaro-Winkler where rapidfuzz and Likeness say 1;
those pairs are checked against rapidfuzz only.

Usage: text_crosscheck.py LIKENESS [--pairs 400] [--seed 20]
Exit status 1 when any value disagrees.
"""
import argparse
import json
import random
import subprocess
import sys

import jellyfish
from rapidfuzz.distance import OSA, DamerauLevenshtein, Hamming, Jaro, JaroWinkler, Levenshtein

ALPHABETS = ["ACGT", "abcdefghijklmnopqrstuvwxyz", "aé€ßΩ漢字😀b"]


def mutate(text, rng, edits, alphabet):
    out = list(text)
    for _ in range(edits):
        position = rng.randrange(len(out)) if out else 0
        kind = rng.randrange(4)
        if kind == 0 and out:
            out[position] = rng.choice(alphabet)
        elif kind == 1:
            out.insert(position, rng.choice(alphabet))
        elif kind == 2 and out:
            del out[position]
        elif kind == 3 and position + 1 < len(out):
            out[position], out[position + 1] = out[position + 1], out[position]
    return "".join(out)


def pairs(count, seed):
    rng = random.Random(seed)
    out = [("", ""), ("a", ""), ("ca", "abc"), ("kitten", "sitting"), ("MARTHA", "MARHTA"), ("DIXON", "DICKSONX")]
    while len(out) < count:
        alphabet = rng.choice(ALPHABETS)
        length = rng.choice([rng.randint(0, 12), rng.randint(0, 70), rng.randint(60, 300)])
        a = "".join(rng.choice(alphabet) for _ in range(length))
        if rng.random() < 0.5:
            b = mutate(a, rng, rng.randint(0, max(1, length // 5)), alphabet)
        elif rng.random() < 0.5:
            # Equal lengths, so Hamming has something to compare.
            b = "".join(rng.choice(alphabet) if rng.random() < 0.3 else c for c in a)
        else:
            b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 300)))
        out.append((a, b))
    return out


def shingles(text, k):
    if not text:
        return set()
    if len(text) <= k:
        return {text}
    return {text[i:i + k] for i in range(len(text) - k + 1)}


def jaccard(a, b, k=2):
    sa, sb = shingles(a, k), shingles(b, k)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def peers(a, b):
    """Every peer's value for each metric: {metric: [(peer, value, exact)]}."""
    both_empty = not a and not b
    out = {
        "levenshtein": [("rapidfuzz", Levenshtein.distance(a, b), True), ("jellyfish", jellyfish.levenshtein_distance(a, b), True)],
        "damerau-osa": [("rapidfuzz", OSA.distance(a, b), True)],
        "damerau": [("rapidfuzz", DamerauLevenshtein.distance(a, b), True), ("jellyfish", jellyfish.damerau_levenshtein_distance(a, b), True)],
        "jaro": [("rapidfuzz", Jaro.similarity(a, b), False)] + ([] if both_empty else [("jellyfish", jellyfish.jaro_similarity(a, b), False)]),
        "jaro-winkler": [("rapidfuzz", JaroWinkler.similarity(a, b, prefix_weight=0.1), False)]
        + ([] if both_empty else [("jellyfish", jellyfish.jaro_winkler_similarity(a, b), False)]),
        "jaccard": [("python-sets", jaccard(a, b), False)],
    }
    if len(a) == len(b):
        out["hamming"] = [("rapidfuzz", Hamming.distance(a, b), True), ("jellyfish", jellyfish.hamming_distance(a, b), True)]
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("likeness")
    parser.add_argument("--pairs", type=int, default=400)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    checked, failures = {}, []
    for a, b in pairs(args.pairs, args.seed):
        run = subprocess.run([args.likeness, "text", "compare", "--json", "--", a, b], capture_output=True, text=True)
        if run.returncode != 0:
            failures.append(f"likeness failed on {a!r} {b!r}: {run.stderr.strip()}")
            continue
        ours = {row["metric"]: row for row in json.loads(run.stdout)}
        for metric, values in peers(a, b).items():
            row = ours[metric]
            mine = row["distance"] if metric in ("levenshtein", "damerau-osa", "damerau", "hamming") else row["similarity"]
            for peer, value, exact in values:
                agree = mine == value if exact else abs(mine - value) <= 1e-6
                checked[(metric, peer)] = checked.get((metric, peer), 0) + 1
                if not agree:
                    failures.append(f"{metric} vs {peer}: likeness {mine} != {value} for {a!r} / {b!r}")
        if len(a) != len(b) and "error" not in ours["hamming"]:
            failures.append(f"hamming on unequal lengths gave no error for {a!r} / {b!r}")
    for (metric, peer), count in sorted(checked.items()):
        print(f"{metric:13} vs {peer:11}: {count} pairs")
    for failure in failures[:30]:
        print("MISMATCH", failure)
    print(f"{len(failures)} mismatches over {args.pairs} pairs (seed {args.seed})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
