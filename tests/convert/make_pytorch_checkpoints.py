#!/usr/bin/env python3
"""Checkpoints as pytorch-CycleGAN-and-pix2pix saves them, with torch's output for each, for
tests/js/convert.test.mjs:

  make_pytorch_checkpoints.py OUT_DIR

For every case in CASES, OUT_DIR/<case>/ gets latest_net_G.pth (a state_dict with that
repository's module structure and key names, seeded random weights), input.u8 (an RGB image)
and expected.f32 (the network's output mapped to [0, 1] as ml5 does, HWC float32), computed with
the norm layers on batch statistics at batch 1 (what their test script and ml5 compute) and
dropout off (ml5 drops nothing). Weights are drawn from a palette of at most 256 values, so that
the .pict holds them exactly and ours must match torch to float rounding. A "lossy" case has
plain random weights, to measure what the .pict's 256-level quantization costs.

The BROKEN cases are checkpoints the converter must refuse; each has no expected output.
"""
import json
import os
import sys

import numpy as np
import torch
from torch import nn

CASES = {
    # name: (levels, ngf, norm, dropout, input size)
    "unet256-batch-dropout": (8, 4, "batch", True, 256),
    "unet256-instance": (8, 4, "instance", False, 256),
    "unet128-batch": (7, 8, "batch", False, 128),
    "unet128-instance-old-dropout": (7, 4, "instance-tracked", True, 256),
}
LOSSY = ("unet256-batch-lossy", (8, 8, "batch", False, 256))


def norm_layer(kind, channels):
    if kind == "batch":
        return nn.BatchNorm2d(channels, affine=True, track_running_stats=True)
    # Their instance norm: no affine; older versions tracked running statistics (stored, unused
    # by their test script).
    return nn.InstanceNorm2d(channels, affine=False, track_running_stats=kind == "instance-tracked")


class SkipBlock(nn.Module):
    """One U-Net level in that repository's layout: model = down + [inner block] + up."""

    def __init__(self, outer, inner, norm, sub=None, image_channels=None, dropout=False):
        super().__init__()
        self.outermost = image_channels is not None
        bias = norm != "batch"
        down = nn.Conv2d(image_channels or outer, inner, 4, 2, 1, bias=bias)
        if self.outermost:
            layers = [down, sub, nn.ReLU(True), nn.ConvTranspose2d(2 * inner, outer, 4, 2, 1), nn.Tanh()]
        elif sub is None:  # innermost
            layers = [nn.LeakyReLU(0.2, True), down, nn.ReLU(True),
                      nn.ConvTranspose2d(inner, outer, 4, 2, 1, bias=bias), norm_layer(norm, outer)]
        else:
            layers = [nn.LeakyReLU(0.2, True), down, norm_layer(norm, inner), sub, nn.ReLU(True),
                      nn.ConvTranspose2d(2 * inner, outer, 4, 2, 1, bias=bias), norm_layer(norm, outer)]
            if dropout:
                layers.append(nn.Dropout(0.5))
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x) if self.outermost else torch.cat([x, self.model(x)], 1)


class UnetGenerator(nn.Module):
    def __init__(self, levels, ngf, norm, dropout, in_channels=3):
        super().__init__()
        block = SkipBlock(8 * ngf, 8 * ngf, norm)
        for _ in range(levels - 5):
            block = SkipBlock(8 * ngf, 8 * ngf, norm, block, dropout=dropout)
        for mult in (4, 2, 1):
            block = SkipBlock(mult * ngf, 2 * mult * ngf, norm, block)
        self.model = SkipBlock(3, ngf, norm, block, image_channels=in_channels)

    def forward(self, x):
        return self.model(x)


def fill(net, rng, palette):
    """Every parameter and buffer from the palette (or plain random without one)."""
    for name, tensor in net.state_dict().items():
        if tensor.dtype != torch.float32:
            continue
        around_one = name.endswith("running_var") or (name.endswith("weight") and tensor.ndim == 1)
        if palette is None:
            values = rng.normal(1.0 if around_one else 0.0, 0.1, tensor.shape)
        else:
            values = rng.choice(palette[1] if around_one else palette[0], tensor.shape)
        tensor.copy_(torch.from_numpy(np.asarray(values, dtype=np.float32)))


def make_palette(rng):
    small = np.unique(rng.normal(0.0, 0.1, 160).astype(np.float32))
    near_one = np.unique(rng.normal(1.0, 0.15, 90).astype(np.float32))
    return small, near_one


def forward(net, pixels):
    x = torch.from_numpy(pixels).float().permute(2, 0, 1)[None] / 255 * 2 - 1
    net.train()  # batch statistics at batch 1
    for module in net.modules():
        if isinstance(module, nn.Dropout):
            module.eval()
    with torch.no_grad():
        out = net(x)[0].permute(1, 2, 0).numpy()
    return ((out + 1) / 2).astype(np.float32)


def write_case(out_dir, name, net, size, rng):
    case = os.path.join(out_dir, name)
    os.makedirs(case, exist_ok=True)
    torch.save(net.state_dict(), os.path.join(case, "latest_net_G.pth"))
    # A smooth picture with some noise: every level of the U-Net sees structure.
    y, x = np.mgrid[0:size, 0:size] / size
    base = np.stack([np.sin(7 * x + 3 * y), np.cos(5 * y - 2 * x), np.sin(11 * x * y)], -1)
    pixels = np.clip((base + 1) * 110 + rng.integers(0, 35, base.shape), 0, 255).astype(np.uint8)
    pixels.tofile(os.path.join(case, "input.u8"))
    forward(net, pixels).tofile(os.path.join(case, "expected.f32"))
    return {"size": size}


def broken_cases(out_dir, rng, palette):
    """Checkpoints to refuse, by name: what the converter's message must name."""
    def save(name, state):
        os.makedirs(os.path.join(out_dir, name), exist_ok=True)
        torch.save(state, os.path.join(out_dir, name, "latest_net_G.pth"))

    good = UnetGenerator(8, 4, "batch", False)
    fill(good, rng, palette)
    state = good.state_dict()
    save("missing-key", {k: v for k, v in state.items() if k != "model.model.1.model.5.weight"})
    save("bad-shape", {**state, "model.model.1.model.1.weight": torch.zeros(8, 4, 3, 3)})
    save("extra-key", {**state, "model.model.9.weight": torch.zeros(2)})
    gray = UnetGenerator(8, 4, "batch", False, in_channels=1)
    save("one-channel", gray.state_dict())
    # ResNet generator and PatchGAN discriminator keys, as that repository names them.
    save("resnet", {"model.1.weight": torch.zeros(64, 3, 7, 7),
                    "model.10.conv_block.1.weight": torch.zeros(256, 256, 3, 3)})
    save("discriminator", {"model.0.weight": torch.zeros(64, 6, 4, 4), "model.0.bias": torch.zeros(64)})
    os.makedirs(os.path.join(out_dir, "not-a-checkpoint"), exist_ok=True)
    with open(os.path.join(out_dir, "not-a-checkpoint", "latest_net_G.pth"), "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + bytes(100))


def main(out_dir):
    torch.manual_seed(0)
    rng = np.random.default_rng(5)
    palette = make_palette(rng)
    info = {}
    for name, (levels, ngf, norm, dropout, size) in [*CASES.items(), LOSSY]:
        net = UnetGenerator(levels, ngf, norm, dropout)
        fill(net, rng, None if name == LOSSY[0] else palette)
        info[name] = write_case(out_dir, name, net, size, rng)
    broken_cases(out_dir, rng, palette)
    with open(os.path.join(out_dir, "cases.json"), "w") as f:
        json.dump(info, f)


if __name__ == "__main__":
    main(sys.argv[1])
