#!/usr/bin/env python3
"""Write an int8 copy of Likeness's EfficientNet-Lite0 ONNX model with onnxruntime's quantisation tools.

Static quantisation (QDQ format, int8 weights per channel with a reduced 7-bit range, uint8
activations) calibrated with min/max ranges on a few photos: each photo is prepared the way Likeness feeds the float model
(short side scaled so that a 0.875 centre crop covers 224 px, centre crop, RGB uint8, NHWC).
The graph keeps the float model's input and outputs, so the same manifest shape describes it.

Run it inside the torch venv (it has onnx, onnxruntime and Pillow):

  ~/.cache/likeness/venv-torch/bin/python quantize_efficientnet.py FLOAT.onnx OUT.onnx PHOTO_DIR...

Why these choices (measured against the float model's vectors on 32 OpenCV photos, ORT 1.22.1):
  * dynamic quantisation writes ConvInteger with int8 weights, which the CPU runtime cannot run;
  * full-range int8 weights lose accuracy on CPUs without VNNI (AVX2's u8×s8 multiply-add
    saturates): mean cosine to the float vectors 0.88; reduce_range brings it to 0.95;
  * keeping the head convolution in float, or percentile ranges, changed that by < 0.003.

The output is deterministic for the same inputs and onnxruntime version; setup.sh checks its SHA-256.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image
from onnxruntime.quantization import CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType, quantize_static
from onnxruntime.quantization.shape_inference import quant_pre_process

SIZE = 224
CROP = 0.875
EXTENSIONS = {".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp"}


def log(msg):
    print(f"[quantize] {msg}", file=sys.stderr, flush=True)


def prepare(path):
    """One photo as the model's input: [1, 224, 224, 3] uint8."""
    image = Image.open(path).convert("RGB")
    short = min(image.size)
    scale = SIZE / (short * CROP)
    width, height = max(SIZE, round(image.width * scale)), max(SIZE, round(image.height * scale))
    image = image.resize((width, height), Image.BICUBIC)
    left, top = (width - SIZE) // 2, (height - SIZE) // 2
    image = image.crop((left, top, left + SIZE, top + SIZE))
    return np.asarray(image, dtype=np.uint8)[None]


class Photos(CalibrationDataReader):
    """Feeds the calibration photos one at a time, in sorted order (the output is reproducible)."""

    def __init__(self, paths, input_name):
        self.items = iter([{input_name: prepare(p)} for p in paths])

    def get_next(self):
        return next(self.items, None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("photos", type=Path, nargs="+", help="folders of calibration photos")
    parser.add_argument("--limit", type=int, default=64, help="at most this many calibration photos")
    args = parser.parse_args()

    args.output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        prepared = Path(work) / "prepared.onnx"
        # Shape inference and graph optimisation first, as onnxruntime recommends before quantising.
        quant_pre_process(str(args.model), str(prepared), skip_symbolic_shape=True)
        partial = Path(work) / "int8.onnx"
        paths = sorted(p for d in args.photos for p in d.rglob("*") if p.suffix.lower() in EXTENSIONS)[: args.limit]
        if not paths:
            sys.exit("no calibration photos in " + ", ".join(map(str, args.photos)))
        log(f"calibrating on {len(paths)} photos")
        quantize_static(str(prepared), str(partial), Photos(paths, "image"),
                        quant_format=QuantFormat.QDQ, per_channel=True, reduce_range=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        calibrate_method=CalibrationMethod.MinMax)
        os.replace(partial, args.output)
    log(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
