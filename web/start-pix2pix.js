// The demo's pix2pix panel: a drawing canvas transferred live (one call in flight, the latest
// drawing next), a model upload, a download progress bar and per-call timings.
/* global ml5 */
(async () => {
  const $ = (id) => document.getElementById(id);
  const canvas = $('p2p-input');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let model = null, busy = false, again = false;

  const clear = () => {
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
  };
  const example = async () => {
    const img = new Image();
    img.src = '/web/examples/p5/Pix2Pix_callback/images/input.png';
    await img.decode();
    context.drawImage(img, 0, 0, canvas.width, canvas.height);
  };

  // Transfers the canvas; while a call runs, the newest drawing waits for the next one.
  const transfer = async () => {
    if (!model) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    const start = performance.now();
    try {
      const result = await model.transfer(canvas);
      const ms = performance.now() - start;
      const old = $('p2p-output').src;
      $('p2p-output').src = result.src;
      if (old.startsWith('blob:')) URL.revokeObjectURL(old);
      const info = await ml5.backendInfo();
      $('p2p-time').textContent = `transfer: ${ms.toFixed(1)} ms (ngf ${model.ngf}, ${info.variant}, ${info.threads} thread${info.threads > 1 ? 's' : ''})`;
    } catch (error) {
      $('p2p-status').textContent = error.message;
    }
    busy = false;
    if (again) {
      again = false;
      transfer();
    }
  };

  const load = async (url, name) => {
    $('p2p-status').textContent = `Loading ${name}…`;
    $('p2p-progress').value = 0;
    const start = performance.now();
    try {
      const next = await ml5.pix2pix(url, undefined, {
        onProgress: (loaded, total) => {
          $('p2p-progress').value = total ? loaded / total : 0;
          $('p2p-status').textContent = `Downloading ${name}: ${(loaded / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`;
        },
      });
      model?.dispose();
      model = next;
      $('p2p-progress').value = 1;
      $('p2p-status').textContent = `${name} ready in ${(performance.now() - start).toFixed(0)} ms (ngf ${model.ngf})`;
      transfer();
    } catch (error) {
      $('p2p-status').textContent = error.message;  // a bad file: the previous model stays
    }
  };

  // Drawing with the pointer: a pen, or a wide white eraser.
  let last = null;
  canvas.addEventListener('pointerdown', (event) => {
    canvas.setPointerCapture(event.pointerId);
    last = [event.offsetX, event.offsetY];
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!last) return;
    const eraser = $('p2p-eraser').checked;
    context.strokeStyle = eraser ? '#fff' : '#000';
    context.lineWidth = eraser ? 18 : 5;
    context.lineCap = 'round';
    context.beginPath();
    context.moveTo(...last);
    context.lineTo(event.offsetX, event.offsetY);
    context.stroke();
    last = [event.offsetX, event.offsetY];
    transfer();
  });
  canvas.addEventListener('pointerup', () => {
    last = null;
    transfer();
  });
  $('p2p-clear').onclick = () => {
    clear();
    transfer();
  };
  $('p2p-example').onclick = async () => {
    clear();
    await example();
    transfer();
  };
  $('p2p-file').onchange = () => {
    const file = $('p2p-file').files[0];
    if (file) load(URL.createObjectURL(file), file.name);
  };

  const info = await ml5.backendInfo();
  $('backend').textContent = `ml5-wasm ${info.version} · ${info.variant} · ${info.threads} thread${info.threads > 1 ? 's' : ''}` +
    (info.threadsNote ? ` · ${info.threadsNote}` : '');
  clear();
  await example();
  await load(undefined, 'the default model');
})();
