import * as ml5 from 'ml5-wasm';
import { writeFile } from 'node:fs/promises';

const cvae = await ml5.CVAE().ready; // the default model
const result = await cvae.generate('bag', { seed: 1 });
await writeFile('bag.png', Buffer.from(await result.blob.arrayBuffer()));
console.log(`bag.png: ${result.raw.width}x${result.raw.height}`);
