// ml5 0.x's Pix2Pix_callback sketch. Changed: the model path (this project's default model,
// which colours line art, instead of edges2pikachu) and the input drawing.

// The model works on 256x256 images
const SIZE = 256;
let inputImg, inputCanvas, outputContainer, statusMsg, pix2pix, clearBtn, transferBtn;
let modelReady = false;
let isTransfering = false;

function setup() {
  // Create a canvas
  inputCanvas = createCanvas(SIZE, SIZE);
  inputCanvas.class('border-box').parent('canvasContainer');

  // Display the initial input image
  inputImg = loadImage('images/input.png', drawImage);

  // Selcect the output div container
  outputContainer = select('#output');
  statusMsg = select('#status');

  // Select the buttons
  transferBtn = select('#transferBtn');
  transferBtn.mousePressed(() => transfer());
  clearBtn = select('#clearBtn');
  clearBtn.mousePressed(() => clearCanvas());

  // Set stroke to black
  stroke(0);
  strokeWeight(4);
  pixelDensity(1);

  // Create a pix2pix method with a pre-trained model
  pix2pix = ml5.pix2pix('../../../../models/pix2pix-default/model.compact.pict', modelLoaded);
}

// Draw on the canvas when the mouse is pressed
function draw() {
  if (mouseIsPressed) {
    line(mouseX, mouseY, pmouseX, pmouseY);
  }
}

// Whenever the mouse is released, transfer the current image
function mouseReleased() {
  if (modelReady && !isTransfering) {
    transfer();
  }
}

// A function to be called when the model has been loaded
function modelLoaded() {
  statusMsg.html('Model Loaded!');
  transfer();
  modelReady = true;
}

// Draw the input image to the canvas
function drawImage() {
  image(inputImg, 0, 0);
}

// Clear the canvas
function clearCanvas() {
  background(255);
}

function transfer() {
  isTransfering = true;
  statusMsg.html('Applying Style Transfer...!');

  // Select the canvas DOM element
  const canvasElement = select('canvas').elt;

  // Apply pix2pix transformation
  pix2pix.transfer(canvasElement, (err, result) => {
    if (err) {
      console.log(err);
    }
    if (result && result.src) {
      isTransfering = false;
      // Clear the output container
      outputContainer.html('');
      // Create an image based result
      createImg(result.src).class('border-box').parent('output');
      statusMsg.html('Done!');
    }
  });
}
