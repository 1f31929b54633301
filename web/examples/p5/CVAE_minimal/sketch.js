let cvae;

function setup() {
  createCanvas(280, 280);
  cvae = ml5.CVAE(modelReady); // no model given: the default one, Fashion-MNIST garments
}

function modelReady() {
  cvae.generate('sneaker', gotImage);
}

function gotImage(error, result) {
  if (error) return console.error(error);
  image(result.image, 0, 0, width, height);
}
