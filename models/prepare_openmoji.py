#!/usr/bin/python3
"""Builds line-art -> colour training pairs for the default pix2pix model from OpenMoji.

OpenMoji (https://openmoji.org, CC BY-SA 4.0) ships every emoji as a black line-art SVG and a
colour SVG; the npm package `openmoji` carries both. Each pair is rasterized at 256x256 on white
with Debian's rsvg-convert (librsvg2-bin) and stored side by side, input left, target right.
A fixed 10% of the emoji (by a hash of the name) is held out as the test split.

  apt-get install librsvg2-bin python3-pil
  /usr/bin/python3 models/prepare_openmoji.py --out ~/.cache/ml5-wasm/openmoji-17.0.0
"""
import argparse
import hashlib
import os
import subprocess
import tarfile
import tempfile

VERSION = "17.0.0"


def rasterize(svg, png):
    subprocess.run(["rsvg-convert", "-w", "256", "-h", "256", "-b", "white", "-o", png, svg],
                   check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=os.path.expanduser(f"~/.cache/ml5-wasm/openmoji-{VERSION}"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N emoji (smoke runs)")
    args = parser.parse_args()
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"openmoji@{VERSION}", "--silent"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        with tarfile.open(os.path.join(tmp, f"openmoji-{VERSION}.tgz")) as tar:
            members = [m for m in tar.getmembers()
                       if m.name.startswith(("package/black/svg/", "package/color/svg/"))]
            tar.extractall(tmp, members=members)
        names = sorted(os.listdir(os.path.join(tmp, "package", "black", "svg")))
        names = [n for n in names if os.path.exists(os.path.join(tmp, "package", "color", "svg", n))]
        if args.limit:
            names = names[:args.limit]
        for split in ("train", "test"):
            os.makedirs(os.path.join(args.out, split), exist_ok=True)
        for i, name in enumerate(names):
            split = "test" if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 10 == 0 else "train"
            stem = os.path.splitext(name)[0]
            pair = os.path.join(args.out, split, stem + ".png")
            if os.path.exists(pair):
                continue
            black, color = os.path.join(tmp, "black.png"), os.path.join(tmp, "color.png")
            rasterize(os.path.join(tmp, "package", "black", "svg", name), black)
            rasterize(os.path.join(tmp, "package", "color", "svg", name), color)
            both = Image.new("RGB", (512, 256))
            both.paste(Image.open(black).convert("RGB"), (0, 0))
            both.paste(Image.open(color).convert("RGB"), (256, 0))
            both.save(pair)
            if i % 500 == 0:
                print(f"{i}/{len(names)} pairs", flush=True)
    print(f"wrote {len(names)} pairs to {args.out}")


if __name__ == "__main__":
    main()
