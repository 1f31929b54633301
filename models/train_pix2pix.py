#!/usr/bin/python3
"""Trains the default pix2pix generator and exports it as a .pict file, as ml5.pix2pix() reads it.

The generator is pix2pix-tensorflow's U-Net (spec §3.3-3.4) with a reduced ngf: eight 4x4
stride-2 encoders (leaky relu 0.2, instance norm), eight decoders (relu, 4x4 stride-2 transposed
convolution, instance norm) with [decoder, encoder] skip concatenations, tanh. Instance norm is
what pix2pix's batch norm computes at batch size 1 and what ml5 runs, so training uses it
directly. The encoder bias is trained as zero-free but ml5 ignores it, so the encoders have none.
The discriminator is pix2pix's 70x70 PatchGAN; the loss is GAN + 100 * L1.

Debian's torch runs ConvTranspose2d about 20x slower than Conv2d on CPU, so each transposed
convolution is computed as a 3x3 convolution with 4x the outputs followed by a pixel shuffle,
whose kernel is gathered from the 4x4 transposed-convolution kernel (one output phase per
shuffle position). The parameter stays the transposed kernel, so export needs no conversion
beyond TensorFlow's layout. `--self-test` checks the equivalence against F.conv_transpose2d.

The shipped model (models/pix2pix-default/TRAINING.md) came from the defaults:

  /usr/bin/python3 models/prepare_openmoji.py
  /usr/bin/python3 models/train_pix2pix.py --ngf 8 --ndf 8 --epochs 6 --batch 4 \
      --out models/pix2pix-default/model.pict

Other data (docs/train-your-own.md): --data takes side-by-side A|B images or folders A/ and B/,
--direction BtoA swaps them, and --resume goes on from the checkpoint saved beside --out.
"""
import argparse
import json
import os
import struct
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

# K[r][t]: which 4x4 kernel row feeds output phase r from input offset t - 1 (None: no tap).
# out[2m + r] = sum over input rows m - 1, m, m + 1 of the transposed kernel rows below.
PHASE_TAPS = [[3, 1, None], [None, 2, 0]]


class Deconv4x4(nn.Module):
    """A 4x4 stride-2 'same' transposed convolution, computed as conv 3x3 + pixel shuffle."""

    def __init__(self, cin, cout):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(cin, cout, 4, 4) * 0.02)  # torch deconv layout
        self.bias = nn.Parameter(torch.zeros(cout))
        index, mask = [], []
        for ry in range(2):
            for rx in range(2):
                for ty in range(3):
                    for tx in range(3):
                        ky, kx = PHASE_TAPS[ry][ty], PHASE_TAPS[rx][tx]
                        index.append((ky or 0) * 4 + (kx or 0))
                        mask.append(0.0 if ky is None or kx is None else 1.0)
        self.register_buffer("index", torch.tensor(index))
        self.register_buffer("mask", torch.tensor(mask))

    def conv_weight(self):
        cin, cout = self.weight.shape[:2]
        w = self.weight.reshape(cin, cout, 16)[:, :, self.index] * self.mask  # [cin, cout, 36]
        w = w.reshape(cin, cout, 4, 3, 3).permute(1, 2, 0, 3, 4)  # [cout, phase, cin, 3, 3]
        return w.reshape(cout * 4, cin, 3, 3)

    def forward(self, x):
        y = F.conv2d(x, self.conv_weight(), padding=1)
        return F.pixel_shuffle(y, 2) + self.bias.view(1, -1, 1, 1)


class InstanceNorm(nn.Module):
    """ml5's "batchnorm": per image and channel over H x W, population variance, eps 1e-5.
    Unlike nn.InstanceNorm2d it accepts the 1x1 bottleneck, where it yields beta."""

    def __init__(self, channels):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))

    def forward(self, x):
        mean = x.mean((2, 3), keepdim=True)
        var = ((x - mean) ** 2).mean((2, 3), keepdim=True)
        return (x - mean) / torch.sqrt(var + 1e-5) * self.weight.view(1, -1, 1, 1) + self.bias.view(1, -1, 1, 1)


def encoder_widths(ngf):
    return [ngf * m for m in (1, 2, 4, 8, 8, 8, 8, 8)]


class Generator(nn.Module):
    def __init__(self, ngf):
        super().__init__()
        enc = encoder_widths(ngf)
        self.encoders = nn.ModuleList(
            nn.Conv2d(3 if i == 0 else enc[i - 1], enc[i], 4, 2, 1, bias=False) for i in range(8))
        self.encoder_norms = nn.ModuleList(InstanceNorm(enc[i]) for i in range(1, 8))
        # d_i has e_{i-1}'s width (its skip partner one level up); d_1 is the RGB output.
        dec = {i: enc[i - 2] for i in range(2, 9)}
        dec[1] = 3
        cin = {i: enc[7] if i == 8 else dec[i + 1] + enc[i - 1] for i in range(1, 9)}
        self.decoders = nn.ModuleDict({str(i): Deconv4x4(cin[i], dec[i]) for i in range(1, 9)})
        self.decoder_norms = nn.ModuleDict({str(i): InstanceNorm(dec[i]) for i in range(2, 9)})

    def forward(self, x):
        skips = [self.encoders[0](x)]
        for i in range(1, 8):
            skips.append(self.encoder_norms[i - 1](self.encoders[i](F.leaky_relu(skips[-1], 0.2))))
        h = skips[7]
        for i in range(8, 0, -1):
            if i < 8:
                h = torch.cat([h, skips[i - 1]], 1)
            h = self.decoders[str(i)](F.relu(h))
            h = torch.tanh(h) if i == 1 else self.decoder_norms[str(i)](h)
        return h


def discriminator(ndf):
    def block(cin, cout, stride, norm):
        layers = [nn.Conv2d(cin, cout, 4, stride, 1)]
        if norm:
            layers.append(nn.InstanceNorm2d(cout, affine=True))
        return layers + [nn.LeakyReLU(0.2)]
    return nn.Sequential(*block(6, ndf, 2, False), *block(ndf, ndf * 2, 2, True),
                         *block(ndf * 2, ndf * 4, 2, True), *block(ndf * 4, ndf * 8, 1, True),
                         nn.Conv2d(ndf * 8, 1, 4, 1, 1))


def tf_variables(g):
    """The generator's variables under pix2pix-tensorflow's names, in TensorFlow layouts."""
    out = {}
    for i in range(1, 9):
        w = g.encoders[i - 1].weight.detach()  # [cout, cin, 4, 4] -> [4, 4, cin, cout]
        scope = f"generator/encoder_{i}"
        out[f"{scope}/conv2d/kernel"] = w.permute(2, 3, 1, 0)
        out[f"{scope}/conv2d/bias"] = torch.zeros(w.shape[0])  # ml5 ignores it; none is trained
        if i > 1:
            norm = g.encoder_norms[i - 2]
            out.update(batch_norm(scope, norm))
    for i in range(1, 9):
        d = g.decoders[str(i)]
        scope = f"generator/decoder_{i}"
        # torch deconv [cin, cout, 4, 4] -> TensorFlow conv2d_transpose [4, 4, cout, cin]
        out[f"{scope}/conv2d_transpose/kernel"] = d.weight.detach().permute(2, 3, 1, 0)
        out[f"{scope}/conv2d_transpose/bias"] = d.bias.detach()
        if i > 1:
            out.update(batch_norm(scope, g.decoder_norms[str(i)]))
    return out


def batch_norm(scope, norm):
    c = norm.weight.shape[0]
    return {f"{scope}/batch_normalization/gamma": norm.weight.detach(),
            f"{scope}/batch_normalization/beta": norm.bias.detach(),
            # Written by the real exporter, never used by ml5 (spec §3.2).
            f"{scope}/batch_normalization/moving_mean": torch.zeros(c),
            f"{scope}/batch_normalization/moving_variance": torch.ones(c)}


def write_pict(path, variables):
    """export-checkpoint.py's format and mu-law 256-level quantizer (spec §3.2)."""
    names = sorted(variables)
    values = [variables[n].contiguous().numpy().astype(np.float32) for n in names]
    flat = np.concatenate([v.reshape(-1) for v in values]).astype(np.float64)
    mu = 255.0
    scale = np.abs(flat).max()
    logs = np.sign(flat) * np.log1p(mu * np.abs(flat / scale)) / np.log1p(mu)
    edges = np.linspace(logs.min(), logs.max(), 257)
    mids = (edges[:-1] + edges[1:]) / 2
    index = (np.sign(mids) * ((1 + mu) ** np.abs(mids) - 1) / mu * scale).astype(np.float32)
    # Nearest index entry, the first on ties (the index ascends).
    right = np.clip(np.searchsorted(index, flat.astype(np.float32)), 1, 255)
    left = right - 1
    pick_right = np.abs(index[right] - flat) < np.abs(index[left] - flat)
    encoded = np.where(pick_right, right, left).astype(np.uint8)
    shapes = json.dumps([{"name": n, "shape": list(v.shape)} for n, v in zip(names, values)])
    parts = [shapes.encode(), index.astype("<f4").tobytes(), encoded.tobytes()]
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "wb") as f:
        for part in parts:
            f.write(struct.pack(">L", len(part)))
            f.write(part)


IMAGE_TYPES = (".png", ".jpg", ".jpeg")


def load_pairs(folder, direction="AtoB"):
    """Training pairs as (inputs, targets, names), each image 256x256 in [-1, 1]. `folder` holds
    either pix2pix's side-by-side images (A left, B right, any size: each half is resized), or
    two folders A/ and B/ with the same file names; a train/ inside it is used when present."""
    from PIL import Image
    if os.path.isdir(os.path.join(folder, "train")):
        folder = os.path.join(folder, "train")

    def read(path, box=None):
        image = Image.open(path).convert("RGB")
        if box:
            image = image.crop(box(image.size))
        return np.asarray(image.resize((256, 256), Image.BILINEAR))

    if os.path.isdir(os.path.join(folder, "A")) and os.path.isdir(os.path.join(folder, "B")):
        names = sorted(f for f in os.listdir(os.path.join(folder, "A")) if f.lower().endswith(IMAGE_TYPES))
        missing = [f for f in names if not os.path.isfile(os.path.join(folder, "B", f))]
        if missing:
            raise SystemExit(f"{folder}/B has no {missing[0]} (A/ and B/ must hold the same file names)")
        a = [read(os.path.join(folder, "A", f)) for f in names]
        b = [read(os.path.join(folder, "B", f)) for f in names]
    else:
        names = sorted(f for f in os.listdir(folder) if f.lower().endswith(IMAGE_TYPES))
        a = [read(os.path.join(folder, f), lambda size: (0, 0, size[0] // 2, size[1])) for f in names]
        b = [read(os.path.join(folder, f), lambda size: (size[0] // 2, 0, size[0], size[1])) for f in names]
    if not names:
        raise SystemExit(f"{folder}: no .png or .jpg images (side-by-side A|B, or folders A/ and B/)")
    a, b = (torch.from_numpy(np.stack(x)).permute(0, 3, 1, 2).float() / 127.5 - 1 for x in (a, b))  # ml5's preprocess
    return (a, b, names) if direction == "AtoB" else (b, a, names)


def self_test():
    torch.manual_seed(0)
    d = Deconv4x4(5, 3)
    x = torch.randn(2, 5, 6, 7)
    reference = F.conv_transpose2d(x, d.weight, d.bias, stride=2, padding=1)
    error = (d(x) - reference).abs().max().item()
    print(f"Deconv4x4 vs F.conv_transpose2d: max |delta| {error:.2e}")
    assert error < 1e-5


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.expanduser("~/.cache/ml5-wasm/openmoji-17.0.0"),
                        help="side-by-side A|B images, or folders A/ and B/ (in DATA or DATA/train)")
    parser.add_argument("--direction", choices=("AtoB", "BtoA"), default="AtoB")
    parser.add_argument("--ngf", type=int, default=8)
    parser.add_argument("--ndf", type=int, default=8)
    parser.add_argument("--epochs", type=float, default=6)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--out", default="models/pix2pix-default/model.pict")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--checkpoint", help="where to save the training state (default: OUT.ckpt)")
    parser.add_argument("--resume", action="store_true",
                        help="go on from --checkpoint up to --epochs in all")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    self_test()
    if args.self_test:
        return
    torch.manual_seed(args.seed)
    torch.set_num_threads(os.cpu_count())
    checkpoint = args.checkpoint or args.out + ".ckpt"
    inputs, targets, _ = load_pairs(args.data, args.direction)
    g, d = Generator(args.ngf), discriminator(args.ndf)
    opt_g = torch.optim.Adam(g.parameters(), 2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(d.parameters(), 2e-4, betas=(0.5, 0.999))
    steps = int(args.epochs * len(inputs) / args.batch)
    first = 0
    if args.resume:
        state = torch.load(checkpoint)
        if (state["ngf"], state["ndf"]) != (args.ngf, args.ndf):
            raise SystemExit(f"{checkpoint} holds ngf {state['ngf']}, ndf {state['ndf']}: pass those")
        for module, key in ((g, "g"), (d, "d"), (opt_g, "opt_g"), (opt_d, "opt_d")):
            module.load_state_dict(state[key])
        first = state["step"]
        print(f"resumed from {checkpoint} at step {first}")

    def save(step):
        torch.save({"g": g.state_dict(), "d": d.state_dict(), "opt_g": opt_g.state_dict(),
                    "opt_d": opt_d.state_dict(), "step": step, "ngf": args.ngf, "ndf": args.ndf},
                   checkpoint)

    print(f"{len(inputs)} pairs, {steps} steps of {args.batch} ({args.epochs:g} epochs)", flush=True)
    start = time.time()
    for step in range(first, steps):
        idx = torch.randint(len(inputs), (args.batch,))
        x, y = inputs[idx], targets[idx]
        fake = g(x)
        real_logits = d(torch.cat([x, y], 1))
        fake_logits = d(torch.cat([x, fake.detach()], 1))
        loss_d = (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
                  + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))) / 2
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        fake_logits = d(torch.cat([x, fake], 1))
        l1 = (fake - y).abs().mean()
        loss_g = F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits)) + 100 * l1
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()
        if step % 100 == 0 or step == steps - 1:
            print(f"step {step + 1}/{steps}: L1 {l1.item():.4f}, D {loss_d.item():.3f} "
                  f"({time.time() - start:.0f} s)", flush=True)
        if (step + 1) % 500 == 0:
            save(step + 1)
    save(max(steps, first))
    write_pict(args.out, tf_variables(g.eval()))
    done = max(steps - first, 0)
    per_epoch = (time.time() - start) / max(done, 1) * len(inputs) / args.batch
    print(f"trained {done} steps (ngf={args.ngf}) in {time.time() - start:.0f} s, "
          f"{per_epoch:.0f} s per epoch; wrote {args.out} and {checkpoint}")


if __name__ == "__main__":
    main()
