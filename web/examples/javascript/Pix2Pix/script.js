// ml5 0.x's plain-JavaScript pix2pix example: an <img> in, an <img> out. Changed: the model
// path (this project's default model) and the input drawing.
const status = document.getElementById('status');
const input = document.getElementById('input');
const output = document.getElementById('output');

async function run() {
  const pix2pix = await ml5.pix2pix('../../../../models/pix2pix-default/model.compact.pict');
  status.textContent = 'Model Loaded!';
  const result = await pix2pix.transfer(input);
  const img = document.createElement('img');
  img.src = result.src;
  output.appendChild(img);
  status.textContent = 'Done!';
}

run();
