// Live pix2pix on a webcam without p5: getUserMedia -> a <video> -> pix2pix.transferStream in a
// worker (the page stays smooth) -> two canvases: the line drawing and the model's colours.
const status = document.getElementById('status');
const rate = document.getElementById('rate');

async function main() {
  const video = document.getElementById('camera');
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 256, height: 256 } });
  await video.play();
  status.textContent = 'Loading the model...';
  const pix2pix = await ml5.pix2pix(undefined, undefined, { worker: true });
  status.textContent = 'Running.';
  const lines = document.getElementById('lines').getContext('2d');
  const output = document.getElementById('output').getContext('2d');
  const stream = pix2pix.transferStream(video, { lineArt: true }, (error, result) => {
    if (error) {
      status.textContent = `Stopped: ${error.message}`;
      return;
    }
    for (const [context, image] of [[lines, result.lineArt], [output, result.raw]]) {
      context.canvas.width = image.width;
      context.canvas.height = image.height;
      context.putImageData(image, 0, 0);
    }
    const { fps, dropped, ms } = stream.stats;
    rate.textContent = `${fps.toFixed(1)} fps, ${ms.toFixed(0)} ms a frame, ${dropped} frames dropped`;
  });
  document.getElementById('stop').onclick = async () => {
    const stats = await stream.stop();
    video.srcObject.getTracks().forEach((track) => track.stop());
    status.textContent = `Stopped after ${stats.frames} frames.`;
  };
}

main().catch((error) => { status.textContent = `Error: ${error.message}`; });
