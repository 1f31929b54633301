#!/usr/bin/env python3
"""Converts a pytorch-CycleGAN-and-pix2pix U-Net generator (latest_net_G.pth) into a .pict file
that ml5.pix2pix() loads. `ml5-wasm convert` runs this; it needs PyTorch (Debian: python3-torch).

  convert-pytorch-pix2pix.py latest_net_G.pth -o model.pict

That repository's UnetGenerator (unet_256: 8 levels, unet_128: 7; batch or instance norm; with or
without dropout, which holds no weights) nests one UnetSkipConnectionBlock per level, so its
state_dict reads, for unet_256 with batch norm:

  model.model.0.weight            outermost down conv [ngf, 3, 4, 4] (no bias with batch norm)
  model.model.1.model.1.weight    level 2 down conv (index 0 is its leaky relu)
  model.model.1.model.2.*         level 2 down norm
  model.model.1.model.3.model.*   level 3, and so on inwards
  model.model.1.model.5.weight    level 2 up conv (transposed) [2 * 2ngf, ngf, 4, 4]
  model.model.1.model.6.*         level 2 up norm
  model.model.3.weight, .bias     outermost up conv [2ngf, 3, 4, 4], then tanh

and the innermost level has a down conv at 1 and an up conv at 3 with its norm at 4, but no down
norm. Their network differs from ml5's in ways the file records as metadata (docs/formats.md):
the skip concatenation is [encoder, decoder] (reordered here into ml5's [decoder, encoder]), the
innermost encoder has no norm, every bias present is added, and instance norm has no gamma or
beta. The output is entries in ml5's names and TensorFlow layouts, quantized as the .pict format
requires: exactly, when the weights hold at most 256 distinct values, else with the exporter's
256-level mu-law (docs/formats.md 3.2).
"""
import argparse
import json
import os
import re
import struct
import sys

import numpy as np

try:
    import torch
except ImportError:
    sys.exit("ml5-wasm convert: this needs PyTorch (Debian: apt install python3-torch; "
             "elsewhere: pip install torch)")


class ConvertError(Exception):
    pass


def load_state_dict(path):
    if not os.path.isfile(path):
        raise ConvertError(f"{path}: no such file")
    try:
        loaded = torch.load(path, map_location="cpu")
    except Exception as error:  # torch raises many kinds for a file that is not a checkpoint
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ConvertError(f"{path}: not a PyTorch checkpoint ({reason})")
    if isinstance(loaded, torch.nn.Module):
        loaded = loaded.state_dict()
    if isinstance(loaded, dict) and "state_dict" in loaded and isinstance(loaded["state_dict"], dict):
        loaded = loaded["state_dict"]
    if not isinstance(loaded, dict) or not all(torch.is_tensor(v) for v in loaded.values()):
        raise ConvertError(f"{path}: holds no state_dict of tensors (save the generator's "
                           "state_dict, as the repository's latest_net_G.pth does)")
    # nn.DataParallel's prefix.
    return {re.sub(r"^module\.", "", k): v.detach().float().numpy() for k, v in loaded.items()}


def encoder_width(level, ngf):
    """Channels of encoder `level` (0: the image), as in both U-Nets: ngf, 2ngf, 4ngf, 8ngf..."""
    return 3 if level == 0 else ngf * min(2 ** (level - 1), 8)


class UnetReader:
    """Walks the nested blocks of a state_dict, checking every shape and consuming every key."""

    def __init__(self, sd, path):
        self.sd, self.path, self.used = sd, path, set()

    def fail(self, message):
        raise ConvertError(f"{self.path}: {message}")

    def take(self, key, shape):
        if key not in self.sd:
            self.fail(f"key '{key}' is missing (expected shape {list(shape)})")
        value = self.sd[key]
        if list(value.shape) != list(shape):
            self.fail(f"key '{key}' has shape {list(value.shape)}, expected {list(shape)}")
        self.used.add(key)
        return value

    def optional(self, key, shape):
        return self.take(key, shape) if key in self.sd else None

    def norm(self, prefix, channels):
        """A norm layer's gamma and beta (batch norm), or None (instance norm: no affine)."""
        for stat in ("running_mean", "running_var"):  # unused: batch statistics at batch 1
            self.optional(prefix + stat, [channels])
        self.optional(prefix + "num_batches_tracked", [])
        if prefix + "weight" not in self.sd:
            return None
        return self.take(prefix + "weight", [channels]), self.take(prefix + "bias", [channels])


def identify(sd, path):
    """Refuses what is not a U-Net generator, saying what it seems to be."""
    keys = list(sd)
    if "model.model.0.weight" in sd:
        return
    if any(re.match(r"model\.\d+\.conv_block\.", k) for k in keys):
        raise ConvertError(f"{path}: this is a ResNet generator (resnet_9blocks or resnet_6blocks), "
                           "not a U-Net; ml5-wasm runs U-Net generators (unet_256, unet_128) only")
    first = sd.get("model.0.weight")
    if first is not None and first.ndim == 4 and first.shape[1] == 6:
        raise ConvertError(f"{path}: this looks like a discriminator (net_D, 6 input channels); "
                           "convert the generator, latest_net_G.pth")
    raise ConvertError(f"{path}: no key 'model.model.0.weight' (a U-Net's outermost convolution); "
                       f"its first key is '{keys[0] if keys else '(none)'}'. Is this a "
                       "pytorch-CycleGAN-and-pix2pix U-Net generator?")


def read_unet(sd, path):
    """Returns (levels, ngf, norm, entries): entries maps ml5 names to arrays in TF layouts."""
    identify(sd, path)
    r = UnetReader(sd, path)
    first = sd["model.model.0.weight"]
    if first.ndim != 4 or first.shape[1:] != (3, 4, 4):
        r.fail(f"key 'model.model.0.weight' has shape {list(first.shape)}, expected [ngf, 3, 4, 4] "
               "(ml5-wasm runs RGB in and out)")
    ngf = first.shape[0]
    # Each level's keys: outermost, then middle blocks until the innermost.
    blocks = [dict(down="model.model.0.", up="model.model.3.", down_norm=None, up_norm=None)]
    prefix = "model.model.1.model."
    while True:
        if prefix + "3.weight" in sd:  # innermost: [leaky relu, down, relu, up, norm]
            blocks.append(dict(down=prefix + "1.", up=prefix + "3.", down_norm=None, up_norm=prefix + "4."))
            break
        if not any(k.startswith(prefix + "3.model.") for k in sd):
            r.fail(f"expected key '{prefix}3.weight' (an innermost block) or '{prefix}3.model.*' "
                   f"(a block inside level {len(blocks) + 1}); found neither")
        blocks.append(dict(down=prefix + "1.", up=prefix + "5.", down_norm=prefix + "2.", up_norm=prefix + "6."))
        prefix += "3.model."
        if len(blocks) > 8:
            r.fail("more than 8 levels; ml5-wasm runs U-Nets of 5 to 8 levels (unet_128: 7, unet_256: 8)")
    levels = len(blocks)
    if levels < 5:
        r.fail(f"{levels} levels; ml5-wasm runs U-Nets of 5 to 8 levels (unet_128: 7, unet_256: 8)")

    entries, norms = {}, set()
    for i, block in enumerate(blocks, start=1):
        e_in, e_out = encoder_width(i - 1, ngf), encoder_width(i, ngf)
        innermost = i == levels
        d_in, d_out = (e_out if innermost else 2 * e_out), e_in
        enc, dec = f"generator/encoder_{i}/", f"generator/decoder_{i}/"
        # Conv2d [out, in, kh, kw] -> TF [kh, kw, in, out].
        kernel = r.take(block["down"] + "weight", [e_out, e_in, 4, 4])
        entries[enc + "conv2d/kernel"] = kernel.transpose(2, 3, 1, 0)
        bias = r.optional(block["down"] + "bias", [e_out])
        if bias is not None:
            entries[enc + "conv2d/bias"] = bias
        # ConvTranspose2d [in, out, kh, kw], in = [e_i | d_{i+1}] -> ml5's [d_{i+1} | e_i], then TF
        # [kh, kw, out, in].
        kernel = r.take(block["up"] + "weight", [d_in, d_out, 4, 4])
        if not innermost:
            kernel = np.concatenate([kernel[e_out:], kernel[:e_out]], axis=0)
        entries[dec + "conv2d_transpose/kernel"] = kernel.transpose(2, 3, 1, 0)
        bias = r.optional(block["up"] + "bias", [d_out])
        if bias is not None:
            entries[dec + "conv2d_transpose/bias"] = bias
        for key, scope, channels in ((block["down_norm"], enc, e_out), (block["up_norm"], dec, d_out)):
            if key is None:
                continue
            affine = r.norm(key, channels)
            norms.add("batch" if affine else "instance")
            if affine:
                entries[scope + "batch_normalization/gamma"], entries[scope + "batch_normalization/beta"] = affine
    if len(norms) != 1:
        r.fail("some norm layers have weights and some have none; expected all batch norm or all instance norm")
    # Instance norm comes with a bias on every convolution; without norms (--norm none) there is
    # neither a norm weight nor a bias, which would read as instance norm.
    if norms == {"instance"} and blocks[1]["down"] + "bias" not in sd:
        r.fail(f"no key '{blocks[1]['down']}bias' and no norm weights: a U-Net without norm layers "
               "(--norm none), which ml5-wasm does not run; batch and instance norm work")
    unused = [k for k in sd if k not in r.used]
    if unused:
        r.fail(f"unexpected key '{unused[0]}' (shape {list(sd[unused[0]].shape)}); "
               "a U-Net generator holds only its convolutions and norms")
    return levels, ngf, norms.pop(), entries


def quantization_index(values):
    """256 ascending float32 values: the distinct weights when there are at most 256 (exact),
    else the exporter's mu-law bins (docs/formats.md 3.2)."""
    distinct = np.unique(values)
    if distinct.size <= 256:
        return np.pad(distinct, (0, 256 - distinct.size), mode="edge").astype(np.float32), True
    mu = 255.0
    scale = float(np.abs(values).max())
    law = np.sign(values) * np.log1p(mu * np.abs(values / scale)) / np.log1p(mu)
    edges = np.linspace(law.min(), law.max(), 257)
    mids = (edges[:-1] + edges[1:]) / 2
    return (np.sign(mids) * ((1 + mu) ** np.abs(mids) - 1) / mu * scale).astype(np.float32), False


def encode(values, index):
    """Each value's nearest index entry (the first of equals), as uint8."""
    hi = np.clip(np.searchsorted(index, values), 1, 255)
    lo = hi - 1
    nearer_lo = np.abs(values - index[lo]) <= np.abs(index[hi] - values)
    return np.where(nearer_lo, lo, hi).astype(np.uint8)


def write_pict(path, entries, metadata):
    names = sorted(entries)  # the exporter sorts by name; "__metadata__" sorts first
    shapes = [{"name": "__metadata__", "shape": [0], "metadata": metadata}]
    shapes += [{"name": n, "shape": list(entries[n].shape)} for n in names]
    values = np.concatenate([entries[n].astype(np.float32).ravel() for n in names])
    index, exact = quantization_index(values)
    codes = encode(values, index)
    parts = [json.dumps(shapes).encode(), index.astype("<f4").tobytes(), codes.tobytes()]
    with open(path, "wb") as f:
        for part in parts:
            f.write(struct.pack(">L", len(part)))
            f.write(part)
    return values, index[codes], exact


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint", help="the generator's state_dict, e.g. latest_net_G.pth")
    parser.add_argument("-o", "--out", required=True, help="the .pict to write")
    args = parser.parse_args(argv)
    try:
        levels, ngf, norm, entries = read_unet(load_state_dict(args.checkpoint), args.checkpoint)
    except ConvertError as error:
        print(f"ml5-wasm convert: {error}", file=sys.stderr)
        return 1
    metadata = {"network": "pytorch-unet", "levels": str(levels), "norm": norm,
                "source": os.path.basename(args.checkpoint)}
    values, stored, exact = write_pict(args.out, entries, metadata)
    error = float(np.abs(stored - values).max())
    name = {8: "unet_256", 7: "unet_128"}.get(levels, f"U-Net of {levels} levels")
    how = "exactly (at most 256 distinct values)" if exact else \
        f"quantized to 256 levels (mu-law), max |weight change| {error:.2g}"
    print(f"ml5-wasm convert: wrote {args.out}: {name}, ngf {ngf}, {norm} norm, "
          f"{values.size:,} weights, {os.path.getsize(args.out):,} bytes; {how}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
