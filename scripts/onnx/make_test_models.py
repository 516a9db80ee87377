#!/usr/bin/env python3
"""Writes tiny randomly initialised ONNX graphs and their manifests for the manifest-path tests.

  vit-tiny:    ViT-style: 8x8 patches of a 32x32 float NCHW image, a class token, 2 pre-norm
               transformer blocks (LayerNorm, multi-head attention, GELU MLP); output
               last_hidden_state [N, 17, 32], pooled by the class token.
  resnet-tiny: ResNet-style: conv-BN-ReLU stem, 2 residual blocks; output features
               [N, 16, 8, 8] (NCHW), pooled by global average; NHWC uint8 input would also work
               but this one takes float NCHW with ImageNet mean/std.
  nan-tiny:    the resnet-tiny graph followed by log(x - 1e6): every output is NaN.

Seeded, so the files are the same on every run. Run inside $LIKENESS_CACHE/venv-torch (made by
convert_efficientnet.py). Usage: make_test_models.py OUTDIR
"""
import json
import sys
import warnings
from pathlib import Path

import torch
from torch import nn

warnings.filterwarnings("ignore")  # the TorchScript exporter's deprecation notice
torch.manual_seed(7)
out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)


class Block(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attention = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, dim * 2), nn.GELU(), nn.Linear(dim * 2, dim))

    def forward(self, x):
        y = self.norm1(x)
        x = x + self.attention(y, y, y, need_weights=False)[0]
        return x + self.mlp(self.norm2(x))


class TinyViT(nn.Module):
    def __init__(self, size=32, patch=8, dim=32):
        super().__init__()
        self.patches = nn.Conv2d(3, dim, patch, stride=patch)
        self.cls = nn.Parameter(torch.randn(1, 1, dim) * 0.02)
        self.position = nn.Parameter(torch.randn(1, (size // patch) ** 2 + 1, dim) * 0.02)
        self.blocks = nn.Sequential(Block(dim, 4), Block(dim, 4))
        self.norm = nn.LayerNorm(dim)

    def forward(self, pixel_values):
        x = self.patches(pixel_values).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], dim=1) + self.position
        return self.norm(self.blocks(x))


class Residual(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(channels, channels, 3, padding=1, bias=False), nn.BatchNorm2d(channels), nn.ReLU(),
                                  nn.Conv2d(channels, channels, 3, padding=1, bias=False), nn.BatchNorm2d(channels))

    def forward(self, x):
        return torch.relu(x + self.body(x))


class TinyResNet(nn.Module):
    def __init__(self, poison=False):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(),
                                  nn.MaxPool2d(2))
        self.blocks = nn.Sequential(Residual(16), Residual(16))
        self.poison = poison

    def forward(self, pixel_values):
        x = self.blocks(self.stem(pixel_values))
        return torch.log(x - 1e6) if self.poison else x


def export(model, name, input_name, output_name, manifest):
    model.eval()
    dummy = torch.rand(2, 3, 32, 32)
    path = out / f"{name}.onnx"
    torch.onnx.export(model, (dummy,), str(path), dynamo=False, opset_version=17, input_names=[input_name],
                      output_names=[output_name], dynamic_axes={input_name: {0: "batch"}, output_name: {0: "batch"}})
    manifest = {"id": name, "file": path.name, **manifest}
    (out / f"{name}.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    print(f"wrote {path} and {name}.json")


imagenet = {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "range": "unit"}
export(TinyViT(), "vit-tiny", "pixel_values", "last_hidden_state", {
    "dimension": 32,
    "input": {"name": "pixel_values", "layout": "nchw", "dtype": "float32", "width": 32, "height": 32,
              "resize": "squash", **imagenet},
    "output": {"name": "last_hidden_state", "pooling": "cls", "normalize": True}})
export(TinyResNet(), "resnet-tiny", "pixel_values", "features", {
    "dimension": 16,
    "input": {"name": "pixel_values", "layout": "nchw", "dtype": "float32", "width": 32, "height": 32,
              "resize": "centre-crop", **imagenet},
    "output": {"name": "features", "pooling": "gap", "normalize": True}})
export(TinyResNet(poison=True), "nan-tiny", "pixel_values", "features", {
    "dimension": 16,
    "input": {"name": "pixel_values", "layout": "nchw", "dtype": "float32", "width": 32, "height": 32,
              "resize": "letterbox", **imagenet},
    "output": {"name": "features", "pooling": "gap", "normalize": True}})
