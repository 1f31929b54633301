// Live pix2pix on a webcam: createCapture -> pix2pix.transferStream -> image(). The default
// model colours in line art, so each frame is turned into a line drawing first (lineArt).
const SIZE = 256;
let video, pix2pix, stream, latest, statusMsg;

function setup() {
  createCanvas(SIZE * 3, SIZE);
  pixelDensity(1);
  statusMsg = select('#status');
  video = createCapture(VIDEO);
  video.size(SIZE, SIZE);
  video.hide();
  pix2pix = ml5.pix2pix('../../../../models/pix2pix-default/model.compact.pict', modelLoaded);
}

function modelLoaded(error) {
  if (error) return statusMsg.html(`Could not load the model: ${error.message}`);
  statusMsg.html('Model loaded: running on the camera.');
  // One frame at a time; frames that come while the model is busy are dropped.
  stream = pix2pix.transferStream(video, { lineArt: true }, gotFrame);
}

function gotFrame(error, result) {
  if (error) return statusMsg.html(`Stopped: ${error.message}`);
  latest = result;
}

function draw() {
  background(255);
  image(video, 0, 0, SIZE, SIZE);
  if (latest) {
    image(latest.lineArt ? imageOf(latest.lineArt) : video, SIZE, 0, SIZE, SIZE);
    image(latest.image, SIZE * 2, 0, SIZE, SIZE);
  }
  if (stream) {
    fill(255, 0, 0);
    noStroke();
    textSize(16);
    text(`${stream.stats.fps.toFixed(1)} fps, ${stream.stats.dropped} frames dropped`, 8, 20);
  }
}

// The line drawing (an ImageData) as a p5.Image, reusing one image.
let drawing;
function imageOf(imageData) {
  if (!drawing || drawing.width !== imageData.width || drawing.height !== imageData.height) {
    drawing = createImage(imageData.width, imageData.height);
  }
  drawing.loadPixels();
  drawing.pixels.set(imageData.data);
  drawing.updatePixels();
  return drawing;
}

function keyPressed() {
  if (key === 's' && stream) stream.stop().then((stats) => statusMsg.html(`Stopped after ${stats.frames} frames.`));
}
