#!/usr/bin/python3
"""Trains the default CVAE on Fashion-MNIST and exports it the way ml5.CVAE() loads it.

Data: Debian's dataset-fashion-mnist (Zalando Research, MIT licence), read from
/usr/share/datasets/fashion-mnist. The decoder is the family of ml5's quick_draw model
(training_CVAE): concat(latent 16, one-hot label) -> Dense 784 relu -> Reshape 7x7x16 ->
Conv2DTranspose 32 3x3 relu -> UpSampling 2 -> Conv2DTranspose 16 3x3 relu -> UpSampling 2 ->
Conv2DTranspose 1 3x3 sigmoid. The encoder (conv 8, pool, conv 16, pool, dense 16 -> mu, log var)
is used for training only. The label input is exactly 10 wide (no ml5 "+1" padding class).

Exact command (CPU, as recorded in models/cvae-fashion-mnist/TRAINING.md):
  apt-get install python3-torch python3-numpy dataset-fashion-mnist
  /usr/bin/python3 models/train_cvae.py --epochs 30 --out models/cvae-fashion-mnist
It writes float32 weights into model/ and a manifest.json that names them; the default model then
ships them as float16:
  node models/float16_model.mjs models/cvae-fashion-mnist/model models/cvae-fashion-mnist/model-float16
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"
LABELS = ["t-shirt", "trouser", "pullover", "dress", "coat",
          "sandal", "shirt", "sneaker", "bag", "ankle_boot"]
LATENT = 16


def read_idx(name):
    with gzip.open(os.path.join(DATA, name)) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


class Decoder(nn.Module):
    def __init__(self, labels):
        super().__init__()
        self.dense = nn.Linear(LATENT + labels, 784)
        # A stride-1 'same' 3x3 transposed convolution is a convolution with the kernel rotated
        # 180 degrees and its channel axes swapped. Debian's torch runs ConvTranspose2d 20x slower
        # than Conv2d, so training uses Conv2d and export() converts the kernels.
        self.t1 = nn.Conv2d(16, 32, 3, padding=1)
        self.t2 = nn.Conv2d(32, 16, 3, padding=1)
        self.t3 = nn.Conv2d(16, 1, 3, padding=1)

    def forward(self, z, y):
        h = F.relu(self.dense(torch.cat([z, y], 1)))
        h = h.view(-1, 7, 7, 16).permute(0, 3, 1, 2)  # Keras Reshape is channels-last
        h = F.relu(self.t1(h))
        h = F.interpolate(h, scale_factor=2, mode="nearest")
        h = F.relu(self.t2(h))
        h = F.interpolate(h, scale_factor=2, mode="nearest")
        return torch.sigmoid(self.t3(h))


class Encoder(nn.Module):
    def __init__(self, labels):
        super().__init__()
        self.c1 = nn.Conv2d(1, 8, 3, padding=1)
        self.c2 = nn.Conv2d(8, 16, 3, padding=1)
        self.dense = nn.Linear(7 * 7 * 16 + labels, 16)
        self.mu = nn.Linear(16, LATENT)
        self.log_var = nn.Linear(16, LATENT)

    def forward(self, x, y):
        h = F.max_pool2d(F.relu(self.c1(x)), 2)
        h = F.max_pool2d(F.relu(self.c2(h)), 2)
        h = F.relu(self.dense(torch.cat([h.flatten(1), y], 1)))
        return self.mu(h), self.log_var(h)


def layer(name, cls, config, inbound):
    config = dict(config, name=name, trainable=True)
    nodes = [[[i, 0, 0, {}] for i in inbound]] if inbound else []
    return {"name": name, "class_name": cls, "config": config, "inbound_nodes": nodes}


def export(decoder, out):
    """tfjs Layers format ("layers-model") plus ml5's manifest.json."""
    conv = lambda n, f, act, inb: layer(n, "Conv2DTranspose", {
        "filters": f, "kernel_size": [3, 3], "strides": [1, 1], "padding": "same",
        "data_format": "channels_last", "activation": act, "use_bias": True}, [inb])
    layers = [
        layer("latent_input", "InputLayer", {"batch_input_shape": [None, LATENT], "dtype": "float32"}, []),
        layer("label", "InputLayer", {"batch_input_shape": [None, len(LABELS)], "dtype": "float32"}, []),
        layer("concatenate", "Concatenate", {"axis": -1}, ["latent_input", "label"]),
        layer("dense", "Dense", {"units": 784, "activation": "relu", "use_bias": True}, ["concatenate"]),
        layer("reshape", "Reshape", {"target_shape": [7, 7, 16]}, ["dense"]),
        conv("conv2d_transpose_1", 32, "relu", "reshape"),
        layer("up_sampling2d_1", "UpSampling2D", {"size": [2, 2], "data_format": "channels_last"}, ["conv2d_transpose_1"]),
        conv("conv2d_transpose_2", 16, "relu", "up_sampling2d_1"),
        layer("up_sampling2d_2", "UpSampling2D", {"size": [2, 2], "data_format": "channels_last"}, ["conv2d_transpose_2"]),
        conv("conv2d_transpose_3", 1, "sigmoid", "up_sampling2d_2"),
    ]
    # Keras layouts: Dense [in, out]; Conv2DTranspose [kh, kw, out, in]. From a torch Conv2d
    # [out, in, kh, kw]: rotate the kernel 180 degrees, then move the spatial axes first.
    tconv = lambda t: t.weight.detach().flip(2, 3).permute(2, 3, 0, 1)
    tensors = [
        ("dense/kernel", decoder.dense.weight.detach().t()), ("dense/bias", decoder.dense.bias.detach()),
        ("conv2d_transpose_1/kernel", tconv(decoder.t1)), ("conv2d_transpose_1/bias", decoder.t1.bias.detach()),
        ("conv2d_transpose_2/kernel", tconv(decoder.t2)), ("conv2d_transpose_2/bias", decoder.t2.bias.detach()),
        ("conv2d_transpose_3/kernel", tconv(decoder.t3)), ("conv2d_transpose_3/bias", decoder.t3.bias.detach()),
    ]
    os.makedirs(os.path.join(out, "model"), exist_ok=True)
    with open(os.path.join(out, "model", "group1-shard1of1.bin"), "wb") as f:
        for _, t in tensors:
            f.write(t.contiguous().numpy().astype("<f4").tobytes())
    model = {
        "format": "layers-model",
        "generatedBy": "ml5-wasm models/train_cvae.py",
        "convertedBy": None,
        "modelTopology": {
            "class_name": "Model", "keras_version": "2.2.4", "backend": "tensorflow",
            "config": {"name": "decoder", "layers": layers,
                       "input_layers": [["latent_input", 0, 0], ["label", 0, 0]],
                       "output_layers": [["conv2d_transpose_3", 0, 0]]}},
        "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": [
            {"name": n, "shape": list(t.shape), "dtype": "float32"} for n, t in tensors]}],
    }
    with open(os.path.join(out, "model", "model.json"), "w") as f:
        json.dump(model, f, separators=(",", ":"))
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"model": "model/model.json", "labels": LABELS}, f)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--out", default="models/cvae-fashion-mnist")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(os.cpu_count())

    images = torch.from_numpy(read_idx("train-images-idx3-ubyte.gz").astype(np.float32) / 255)
    images = images.unsqueeze(1)
    labels = F.one_hot(torch.from_numpy(read_idx("train-labels-idx1-ubyte.gz").astype(np.int64)),
                       len(LABELS)).float()
    encoder, decoder = Encoder(len(LABELS)), Decoder(len(LABELS))
    optimizer = torch.optim.Adam(list(encoder.parameters()) + list(decoder.parameters()), 1e-3)
    start = time.time()
    for epoch in range(args.epochs):
        order = torch.randperm(len(images))
        total = 0.0
        for i in range(0, len(images), 128):
            idx = order[i:i + 128]
            x, y = images[idx], labels[idx]
            mu, log_var = encoder(x, y)
            z = mu + torch.randn_like(mu) * torch.exp(0.5 * log_var)
            recon = decoder(z, y)
            loss = (F.binary_cross_entropy(recon, x, reduction="sum")
                    - 0.5 * torch.sum(1 + log_var - mu ** 2 - log_var.exp())) / len(idx)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
        print(f"epoch {epoch + 1}/{args.epochs}: loss {total / len(images):.2f} "
              f"({time.time() - start:.0f} s)", flush=True)
    export(decoder.eval(), args.out)
    print(f"trained {args.epochs} epochs in {time.time() - start:.0f} s; wrote {args.out}")


if __name__ == "__main__":
    main()
