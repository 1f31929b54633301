// ml5 0.x's Pix2Pix_promise sketch. Changed: the model path and the input drawing. (In ml5 0.x
// this sketch could not run: with p5 on the page, ml5.pix2pix() returned no Promise.)

// The model works on 256x256 images
const SIZE = 256;
let inputImg, inputCanvas, outputContainer, statusMsg, pix2pix, clearBtn, transferBtn;
let modelReady = false;
let isTransfering = false;

function setup() {
  inputCanvas = createCanvas(SIZE, SIZE);
  inputCanvas.class('border-box').parent('canvasContainer');
  inputImg = loadImage('images/input.png', drawImage);
  outputContainer = select('#output');
  statusMsg = select('#status');
  transferBtn = select('#transferBtn');
  transferBtn.mousePressed(() => transfer());
  clearBtn = select('#clearBtn');
  clearBtn.mousePressed(() => clearCanvas());
  stroke(0);
  strokeWeight(4);
  pixelDensity(1);

  // Create a pix2pix method with a pre-trained model
  ml5.pix2pix('../../../../models/pix2pix-default/model.compact.pict').then((model) => {
    pix2pix = model;
    modelLoaded();
  });
}

function draw() {
  if (mouseIsPressed) {
    line(mouseX, mouseY, pmouseX, pmouseY);
  }
}

function mouseReleased() {
  if (modelReady && !isTransfering) {
    transfer();
  }
}

function modelLoaded() {
  statusMsg.html('Model Loaded!');
  transfer();
  modelReady = true;
}

function drawImage() {
  image(inputImg, 0, 0);
}

function clearCanvas() {
  background(255);
}

async function transfer() {
  isTransfering = true;
  statusMsg.html('Applying Style Transfer...!');
  const canvasElement = select('canvas').elt;
  const result = await pix2pix.transfer(canvasElement);
  isTransfering = false;
  outputContainer.html('');
  createImg(result.src).class('border-box').parent('output');
  statusMsg.html('Done!');
}
