#!/usr/bin/env python3
"""Export a pretrained PyTorch model to ONNX plus a Likeness manifest (for users with internet).

Likeness cannot download weights on its own machines, so this script is for your workstation:

  python3 export_model.py dinov2-s14   OUTDIR    # torch.hub facebookresearch/dinov2, ViT-S/14, CLS token, 384-d
  python3 export_model.py dinov2-b14   OUTDIR    # ViT-B/14, 768-d
  python3 export_model.py clip-b32     OUTDIR    # open_clip ViT-B-32 (laion2b_s34b_b79k) image tower, 512-d
  python3 export_model.py resnet50     OUTDIR    # torchvision ResNet-50 (IMAGENET1K_V2), pooled 2048-d

Then: `likeness models add OUTDIR/ID.json` and `likeness models verify ID`.
Needs: torch (and torchvision, or open_clip_torch for CLIP). Every graph takes float NCHW 224x224
normalised by the manifest's mean/std and outputs [N, D] features; normalisation to unit length
happens in Likeness.
"""
import hashlib
import json
import sys
from pathlib import Path

import torch

IMAGENET = {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225]}
CLIP = {"mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711]}


def dinov2(name):
    model = torch.hub.load("facebookresearch/dinov2", name)
    return model, model.embed_dim, IMAGENET  # forward() returns the normalised CLS token, [N, D]


def clip_b32():
    import open_clip
    model, _, _ = open_clip.create_model_and_transforms("ViT-B-32", pretrained="laion2b_s34b_b79k")

    class ImageTower(torch.nn.Module):
        def __init__(self, clip):
            super().__init__()
            self.clip = clip

        def forward(self, pixel_values):
            return self.clip.encode_image(pixel_values)

    return ImageTower(model), model.visual.output_dim, CLIP


def resnet50():
    import torchvision
    model = torchvision.models.resnet50(weights=torchvision.models.ResNet50_Weights.IMAGENET1K_V2)
    model.fc = torch.nn.Identity()  # keep the 2048-d pooled features
    return model, 2048, IMAGENET


MODELS = {
    "dinov2-s14": lambda: dinov2("dinov2_vits14"),
    "dinov2-b14": lambda: dinov2("dinov2_vitb14"),
    "clip-b32": clip_b32,
    "resnet50": resnet50,
}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in MODELS:
        sys.exit(f"usage: export_model.py {{{','.join(MODELS)}}} OUTDIR")
    model_id, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    model, dimension, norm = MODELS[model_id]()
    model.eval()
    path = out / f"{model_id}.onnx"
    dummy = torch.rand(2, 3, 224, 224)
    torch.onnx.export(model, (dummy,), str(path), dynamo=False, opset_version=17, input_names=["pixel_values"],
                      output_names=["features"], dynamic_axes={"pixel_values": {0: "batch"}, "features": {0: "batch"}})
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest = {
        "id": model_id, "file": path.name, "sha256": digest, "dimension": dimension,
        "input": {"name": "pixel_values", "layout": "nchw", "dtype": "float32", "width": 224, "height": 224,
                  "resize": "centre-crop", "crop": 0.875, "range": "unit", **norm},
        "output": {"name": "features", "pooling": "none", "normalize": True},
    }
    (out / f"{model_id}.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    print(f"wrote {path} ({digest[:16]}…) and {model_id}.json; next: likeness models add {out / (model_id + '.json')}")


if __name__ == "__main__":
    main()
