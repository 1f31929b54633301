let pix2pix;
function preload() { pix2pix = ml5.pix2pix(); } // the default model colours emoji-style line art

function setup() {
  createCanvas(512, 256); // draw on the left half; the model colours it in on the right
  background(255);
  strokeWeight(4);
}

function draw() {
  if (mouseIsPressed && mouseX < 256) line(mouseX, mouseY, pmouseX, pmouseY);
}

function mouseReleased() {
  pix2pix.transfer(get(0, 0, 256, 256), (error, result) => error ? console.error(error) : image(result.image, 256, 0));
}
