// Launch options that give Chromium and Firefox a camera: Chromium plays a Y4M clip written
// here (tests/data/make-clip.mjs), Firefox its own fake stream. For forEachEngine's `launch`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeClip } from '../data/make-clip.mjs';

// clip: writeClip's options (size, frames).
export function fakeCameraLaunch(clip = {}) {
  let path = null;
  return {
    chromium: () => ({
      args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${(path ??= writeClip(join(mkdtempSync(join(tmpdir(), 'ml5-wasm-clip-')), 'clip.y4m'), clip))}`,
        '--enable-precise-memory-info', '--js-flags=--expose-gc'],
    }),
    firefox: { prefs: { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true } },
  };
}

// The engines whose camera the tests can drive (WebKitGTK's MiniBrowser has none).
export const CAMERA_ENGINES = ['chromium', 'firefox'];

// Whether the engine's fake camera shows a picture with lines in it. Firefox's is one flat
// colour that fades (no edges, so no line art and a flat output): the tests check its frames
// arrive and stop, and check pixels on Chromium's clip and on canvas streams.
export const cameraShowsPicture = (engine) => engine === 'chromium';
