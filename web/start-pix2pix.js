// The demo's pix2pix panel: a drawing canvas transferred live (one call in flight, the latest
// drawing next), a model upload, a download progress bar and per-call timings; and a camera
// mode: the webcam as line art through transferStream().
/* global ml5 */
(async () => {
  const $ = (id) => document.getElementById(id);
  const canvas = $('p2p-input');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let model = null, busy = false, again = false;
  let camera = null;  // {video, stream} while the camera runs

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
    if (!model || camera) return;
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
      await camera?.stream.stop();
      model?.dispose();
      model = next;
      $('p2p-progress').value = 1;
      $('p2p-status').textContent = `${name} ready in ${(performance.now() - start).toFixed(0)} ms (ngf ${model.ngf})`;
      if (camera) streamCamera();
      else transfer();
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
  // Camera mode: each frame as line art on the left, the model's colours on the right.
  const live = $('p2p-live').getContext('2d');
  const streamCamera = () => {
    camera.stream = model.transferStream(camera.video, { lineArt: true }, (error, result) => {
      if (error) {
        $('p2p-status').textContent = `camera: ${error.message}`;
        return;
      }
      context.drawImage(toCanvas(result.lineArt), 0, 0, canvas.width, canvas.height);
      live.drawImage(toCanvas(result.raw), 0, 0, 256, 256);
      const { fps, ms, dropped } = camera.stream.stats;
      $('p2p-time').textContent = `camera: ${fps.toFixed(1)} fps, ${ms.toFixed(0)} ms a frame, ${dropped} frames dropped (ngf ${model.ngf})`;
    });
  };
  const scratch = document.createElement('canvas');
  const toCanvas = (image) => {
    [scratch.width, scratch.height] = [image.width, image.height];
    scratch.getContext('2d').putImageData(image, 0, 0);
    return scratch;
  };
  const showCamera = (on) => {
    $('p2p-live').hidden = !on;
    $('p2p-output').hidden = on;
    $('p2p-camera').textContent = on ? 'stop camera' : 'camera';
  };
  $('p2p-camera').onclick = async () => {
    if (camera) {
      const { video, stream } = camera;
      camera = null;
      const stats = await stream?.stop();
      video.srcObject.getTracks().forEach((track) => track.stop());
      showCamera(false);
      $('p2p-status').textContent = `camera stopped after ${stats?.frames ?? 0} frames`;
      clear();
      await example();
      transfer();
      return;
    }
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('this browser gives this page no camera (getUserMedia)');
      const video = Object.assign(document.createElement('video'), { muted: true, playsInline: true });
      video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
      await video.play();
      camera = { video, stream: null };
      showCamera(true);
      $('p2p-status').textContent = 'camera on';
      if (model) streamCamera();
    } catch (error) {
      $('p2p-status').textContent = `camera: ${error.message}`;  // no camera, or permission refused
    }
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
