#!/usr/bin/env python3
"""Prints the `brisque` 0.2.0 package's 36 features and score of images, as Swift literals: the
pinned values of Tests/LikenessEngineTests/BRISQUEReferenceTests.swift.

  ~/.cache/likeness/venv-brisque/bin/python scripts/brisque/reference_values.py \\
      ~/.cache/likeness/photos/opencv/box.png ~/.cache/likeness/photos/opencv/rubberwhale1.png

The features are the package's own: calculate_brisque_features on skimage's rgb2gray of the RGB
pixels, then on that grey image halved by cv2.resize(INTER_CUBIC), as BRISQUE.score computes them.
"""
import sys
import warnings

import cv2
import numpy as np
import skimage.color
from PIL import Image

warnings.filterwarnings("ignore")
from brisque import BRISQUE  # noqa: E402

model = BRISQUE(url=False)
for path in sys.argv[1:]:
    pixels = np.asarray(Image.open(path).convert("RGB"))
    grey = skimage.color.rgb2gray(pixels)
    half = cv2.resize(grey, None, fx=1 / 2, fy=1 / 2, interpolation=cv2.INTER_CUBIC)
    features = [float(np.asarray(f).reshape(-1)[0]) for f in
                list(model.calculate_brisque_features(grey, kernel_size=7, sigma=7 / 6))
                + list(model.calculate_brisque_features(half, kernel_size=7, sigma=7 / 6))]
    print(f"// {path.split('/')[-1]}: {pixels.shape[1]}x{pixels.shape[0]}")
    print(f"score: {float(model.score(pixels))!r},")
    print("features: [" + ", ".join(repr(f) for f in features) + "],")
