// Seeded random numbers for latents: mulberry32, the generator the reference outputs used.
import { describe } from './arguments.js';

// seed: an integer from 0 to 2^32 - 1, or a string (hashed).
export function seededRandom(seed) {
  if (typeof seed !== 'string' && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) {
    throw new RangeError(`ml5-wasm: a seed is an integer from 0 to 2^32 - 1 or a string, got ${describe(seed)}`);
  }
  let state = typeof seed === 'string' ? hashString(seed) : seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

// `count` draws: 'uniform' is U[0,1) like ml5; 'normal' is N(0,1) (Box-Muller), the prior the
// model was trained with.
export function drawLatent(random, count, distribution = 'uniform') {
  const values = new Float32Array(count);
  if (distribution === 'uniform') {
    for (let i = 0; i < count; i++) values[i] = random();
  } else if (distribution === 'normal') {
    for (let i = 0; i < count; i++) {
      const u = 1 - random(), v = random();
      values[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
  } else {
    throw new RangeError(`ml5-wasm: distribution must be 'uniform' or 'normal', got '${distribution}'`);
  }
  return values;
}
