// The goals of the paired pages (bench/paired-pages.mjs), judged page by page; without browser
// dependencies, so that scripts/doc-numbers.mjs can share them.

// A goal judged on pages: met when every page meets it, not met when none does, else undecided.
// goal: a number that a ratio must reach, or {atMost} for a time in ms.
export function pageVerdict(values, goal) {
  const meets = typeof goal === 'number' ? (v) => v >= goal : (v) => v <= goal.atMost;
  if (values.length === 0) return 'no pages';
  if (values.every(meets)) return 'met';
  return values.some(meets) ? 'undecided' : 'not met';
}

// A goal in words: "ONNX Runtime Web / ours ≥ 2", "ours' ready from bytes ≤ 30 ms".
export function goalText(key, goal) {
  if (typeof goal !== 'number') return `${key === 'ours_ready_ms' ? 'ours\' ready from bytes' : key} ≤ ${goal.atMost} ms`;
  return `${{ ort_ratio: 'ONNX Runtime Web', tfjs_wasm_ratio: 'tfjs-wasm' }[key] ?? key} / ours ≥ ${goal}`;
}
