// The start page's CVAE panel: a batch for the chosen label and seed, and an interpolation.
/* global ml5 */
(async () => {
  const $ = (id) => document.getElementById(id);
  const cvae = ml5.CVAE();
  await cvae.ready;
  for (const select of [$('cvae-label'), $('cvae-to')]) {
    for (const label of cvae.labels) select.add(new Option(label, label));
  }
  $('cvae-to').selectedIndex = 1;
  const show = (strip, results) => {
    for (const old of strip.querySelectorAll('img')) URL.revokeObjectURL(old.src);
    strip.replaceChildren(...results.map((r) => Object.assign(new Image(), { src: r.src, title: r.label ?? '' })));
  };
  const render = async () => {
    const options = { seed: Number($('cvae-seed').value) };
    const start = performance.now();
    show($('cvae-batch'), await cvae.generateBatch($('cvae-label').value, 8, options));
    show($('cvae-walk'), await cvae.interpolate($('cvae-label').value, $('cvae-to').value, 8, options));
    $('cvae-time').textContent = `generateBatch + interpolate: 16 images in ${(performance.now() - start).toFixed(1)} ms ` +
      `(${cvae.backend.variant}, ${cvae.backend.threads} thread${cvae.backend.threads > 1 ? 's' : ''})`;
  };
  $('cvae-generate').onclick = render;
  $('cvae-label').onchange = $('cvae-to').onchange = $('cvae-seed').onchange = render;
  render();
})();
