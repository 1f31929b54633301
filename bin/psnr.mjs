// PSNR of two RGBA images' colours, in dB (alpha left out): how `ml5-wasm compact` and its tests
// judge a compact model's output against the .pict's.
export function psnr(a, b) {
  let squares = 0, count = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue;
    squares += (a[i] - b[i]) ** 2;
    count++;
  }
  return squares === 0 ? Infinity : 10 * Math.log10((255 * 255 * count) / squares);
}
