#!/usr/bin/env python3
"""Cross-checks `likeness calibrate --scores` against scikit-learn on generated scores.

Writes seeded scores (two overlapping normal modes, with ties) to a CSV, runs Likeness on it and
compares ROC AUC with sklearn.metrics.roc_auc_score and average precision with
sklearn.metrics.average_precision_score. Needs scikit-learn (pip install scikit-learn).
Usage: crosscheck_calibration.py LIKENESS_BINARY
"""
import csv
import json
import subprocess
import sys
import tempfile

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

likeness = sys.argv[1]
rng = np.random.default_rng(7)
for trial, (n_pos, n_neg, gap) in enumerate([(200, 800, 1.0), (50, 50, 0.3), (500, 100, 2.0)]):
    scores = np.round(np.concatenate([rng.normal(gap, 1, n_pos), rng.normal(0, 1, n_neg)]), 2)  # rounding makes ties
    labels = np.concatenate([np.ones(n_pos, int), np.zeros(n_neg, int)])
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        writer = csv.writer(f)
        writer.writerow(["score", "label"])
        writer.writerows(zip(scores, labels))
    out = json.loads(subprocess.run([likeness, "calibrate", "--scores", f.name, "--json"], capture_output=True, text=True, check=True).stdout)
    ours = out["calibration"]
    auc, ap = roc_auc_score(labels, scores), average_precision_score(labels, scores)
    print(f"trial {trial}: AUC likeness {ours['rocAUC']:.6f} sklearn {auc:.6f}  |  AP likeness {ours['averagePrecision']:.6f} sklearn {ap:.6f}")
    assert abs(ours["rocAUC"] - auc) < 1e-9 and abs(ours["averagePrecision"] - ap) < 1e-9, "mismatch"
print("all agree")
