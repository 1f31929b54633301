// A small test clip for fake cameras: Y4M (YUV4MPEG2, 4:2:0), which Chromium's
// --use-file-for-fake-video-capture plays in a loop. Black line art on white: a circle that
// moves and a square outline that stays, so that every frame has edges and frames differ.
import { writeFileSync } from 'node:fs';

export function writeClip(path, { width = 320, height = 240, frames = 30, fps = 30 } = {}) {
  const header = `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`;
  const lumaSize = width * height, chromaSize = (width / 2) * (height / 2);
  const parts = [Buffer.from(header)];
  for (let f = 0; f < frames; f++) {
    const luma = Buffer.alloc(lumaSize, 235);
    const cx = width * (0.3 + 0.4 * f / frames), cy = height / 2, r = height / 5;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const ring = Math.abs(Math.hypot(x - cx, y - cy) - r) < 2.5;
        const box = (x >= 20 && x < 60 && y >= 20 && y < 60) && !(x >= 24 && x < 56 && y >= 24 && y < 56);
        if (ring || box) luma[y * width + x] = 16;
      }
    }
    parts.push(Buffer.from('FRAME\n'), luma, Buffer.alloc(chromaSize, 128), Buffer.alloc(chromaSize, 128));
  }
  writeFileSync(path, Buffer.concat(parts));
  return path;
}
