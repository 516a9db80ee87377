#!/usr/bin/env python3
"""MinHash LSH near-duplicate search: `likeness text dupes` against datasketch on synthetic DNA.

Data (seeded): base sequences of 150-250 random A/C/G/T, each followed by 0, 1 or 2 planted
copies (probabilities 0.5, 0.3, 0.2), every copy made from its base by 1 to 3 % random
substitutions, insertions and deletions, until N records (default 100,000) are written as FASTA.
A pair is a true near-duplicate when its Levenshtein similarity, 1 - distance / longer length,
is at least the threshold (default 0.9).

Ground truth: exact all-pairs on the first 10,000 records (rapidfuzz `process.cdist` with a score
cutoff, every pair of the subset). Recall = true pairs of the subset found / true pairs of the
subset, each tool searching all N records.

Both tools use the same LSH: 8-character shingles, 32 bands x 2 rows (64 hash functions), and
confirm candidates with Levenshtein similarity >= threshold, on one thread:
  likeness    `likeness text dupes FILE --format fasta --shingle 8 --bands 32 --rows 2 --threshold T
              --pairs --json --workers 1`, timed as the whole process (start, reading the FASTA,
              writing the JSON included);
  datasketch  MinHash.bulk (its default SHA-1 hashing of each shingle) + MinHashLSH(params=(32, 2))
              insert and query, then rapidfuzz Levenshtein.normalized_similarity on each candidate;
              timed from sequences in memory.

Usage: text_lsh.py LIKENESS [--records 100000] [--subset 10000] [--threshold 0.9] [--seed 7]
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

from datasketch import MinHash, MinHashLSH
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

SHINGLE, BANDS, ROWS = 8, 32, 2


def mutate(text, rng):
    out = list(text)
    for _ in range(rng.randint(max(1, len(text) // 100), max(1, len(text) * 3 // 100))):
        position = rng.randrange(len(out))
        kind = rng.randrange(3)
        if kind == 0:
            out[position] = rng.choice("ACGT")
        elif kind == 1:
            out.insert(position, rng.choice("ACGT"))
        elif len(out) > 1:
            del out[position]
    return "".join(out)


def make_sequences(count, seed):
    rng = random.Random(seed)
    sequences = []
    while len(sequences) < count:
        base = "".join(rng.choices("ACGT", k=rng.randint(150, 250)))
        sequences.append(base)
        copies = rng.choices([0, 1, 2], weights=[0.5, 0.3, 0.2])[0]
        for _ in range(copies):
            if len(sequences) < count:
                sequences.append(mutate(base, rng))
    return sequences


def truth(sequences, threshold):
    """Every pair (i < j) of `sequences` with Levenshtein similarity >= threshold."""
    scores = process.cdist(sequences, sequences, scorer=Levenshtein.normalized_similarity, score_cutoff=threshold, workers=2)
    rows, cols = scores.nonzero()
    return {(int(i), int(j)) for i, j in zip(rows, cols) if i < j}


def datasketch_pairs(sequences, threshold):
    shingles = [[s[i:i + SHINGLE].encode() for i in range(len(s) - SHINGLE + 1)] for s in sequences]
    minhashes = MinHash.bulk(shingles, num_perm=BANDS * ROWS, seed=1)
    lsh = MinHashLSH(num_perm=BANDS * ROWS, params=(BANDS, ROWS))
    for index, minhash in enumerate(minhashes):
        lsh.insert(index, minhash)
    candidates = set()
    for index, minhash in enumerate(minhashes):
        for other in lsh.query(minhash):
            if other != index:
                candidates.add((min(index, other), max(index, other)))
    pairs = {(i, j) for i, j in candidates
             if Levenshtein.normalized_similarity(sequences[i], sequences[j], score_cutoff=threshold) >= threshold}
    return pairs, len(candidates)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("likeness")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--subset", type=int, default=10_000)
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sequences = make_sequences(args.records, args.seed)
    print(f"{len(sequences)} sequences, threshold {args.threshold}, shingle {SHINGLE}, {BANDS} bands x {ROWS} rows; "
          f"load average {os.getloadavg()[0]:.2f}")
    started = time.perf_counter()
    true_pairs = truth(sequences[:args.subset], args.threshold)
    print(f"ground truth: {len(true_pairs)} pairs among the first {args.subset} records (exact all-pairs, {time.perf_counter() - started:.1f} s)")

    def recall(found):
        inside = {(i, j) for i, j in found if j < args.subset}
        return len(inside & true_pairs) / len(true_pairs), len(inside - true_pairs)

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "sequences.fasta")
        with open(path, "w") as out:
            for index, sequence in enumerate(sequences):
                out.write(f">s{index}\n{sequence}\n")
        started = time.perf_counter()
        run = subprocess.run([args.likeness, "text", "dupes", path, "--format", "fasta", "--shingle", str(SHINGLE), "--bands", str(BANDS),
                              "--rows", str(ROWS), "--threshold", str(args.threshold), "--pairs", "--json", "--workers", "1"],
                             capture_output=True, text=True, check=True)
        ours_seconds = time.perf_counter() - started
    result = json.loads(run.stdout)
    ours = {tuple(sorted((int(p["a"]["id"][1:]), int(p["b"]["id"][1:])))) for p in result["pairs"]}
    ours_recall, ours_wrong = recall(ours)

    started = time.perf_counter()
    theirs, their_candidates = datasketch_pairs(sequences, args.threshold)
    their_seconds = time.perf_counter() - started
    their_recall, their_wrong = recall(theirs)

    print(f"likeness    {ours_seconds:8.2f} s  {result['candidates']:9d} candidates  {len(ours):7d} pairs  recall {ours_recall:.4f}  false pairs {ours_wrong}")
    print(f"datasketch  {their_seconds:8.2f} s  {their_candidates:9d} candidates  {len(theirs):7d} pairs  recall {their_recall:.4f}  false pairs {their_wrong}")
    print(f"likeness/datasketch speed {their_seconds / ours_seconds:.2f}x; load average after {os.getloadavg()[0]:.2f}")
    sys.exit(0 if ours_recall >= 0.95 else 1)


if __name__ == "__main__":
    main()
