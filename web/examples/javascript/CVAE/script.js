// ml5 0.x's plain-JavaScript CVAE example. Changed: the model path (this project's default).
const canvas = document.getElementById('canvas');
const ctx = canvas.getContext('2d');
const dropdown = document.getElementById('labels');
const button = document.getElementById('generate');
let cvae;

async function setup() {
  cvae = await ml5.CVAE('../../../../models/cvae-fashion-mnist/manifest.json');
  await cvae.ready;
  for (const label of cvae.labels) {
    const option = document.createElement('option');
    option.text = label;
    dropdown.add(option);
  }
  button.addEventListener('click', generate);
  ctx.fillRect(0, 0, canvas.width, canvas.height);
}

async function generate() {
  const result = await cvae.generate(dropdown.value);
  // Draw the result, scaled up, on the canvas
  const img = new Image();
  img.onload = () => ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  img.src = result.src;
}

setup();
