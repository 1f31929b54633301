// ml5 0.x's CVAE_QuickDraw sketch. Changed: the model path (this project's default model,
// Fashion-MNIST garments, instead of ml5's quick_draw, which is not redistributed here).
let cvae;
let button;
let dropdown;

function setup() {
  createCanvas(200, 200);
  // Create a new instance with a pretrained model
  cvae = ml5.CVAE('../../../../models/cvae-fashion-mnist/manifest.json', modelReady);
  // Create a generate button
  button = createButton('generate');
  button.mousePressed(generateImage);
  background(0);
}

function gotImage(error, result) {
  if (error) {
    console.log(error);
    return;
  }
  // Draw the result on the canvas
  image(result.image, 0, 0, width, height);
}

function modelReady() {
  // Create a dropdown with every label
  dropdown = createSelect();
  for (const label of cvae.labels) {
    dropdown.option(label);
  }
}

function generateImage() {
  const label = dropdown.value();
  cvae.generate(label, gotImage);
}
