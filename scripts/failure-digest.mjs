// Prints one short block per failed test found in node --test TAP logs: the suite path, the
// test, and its error's first lines. npm test ends with it, because CI keeps only the end of
// its output, and the spec reporter's own list of failures can be far longer than that.
import { readFileSync, existsSync } from 'node:fs';

const MAX_ERROR_LINES = 12;

for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) continue;
  const names = [];  // the open subtests, by depth
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const subtest = lines[i].match(/^( *)# Subtest: (.*)$/);
    if (subtest) {
      const depth = subtest[1].length / 4;
      names.length = depth;
      names[depth] = subtest[2];
      continue;
    }
    const failed = lines[i].match(/^( *)not ok \d+ - (.*?)(?: # .*)?$/);
    if (!failed) continue;
    const depth = failed[1].length / 4;
    const block = [];
    for (let j = i + 1; j < lines.length && lines[j].trim() !== '...'; j++) block.push(lines[j]);
    if (block.some((line) => line.includes("failureType: 'subtestsFailed'"))) continue;
    const path = [...names.slice(0, depth), failed[2]].join(' > ');
    // The error key and its continuation lines (deeper indented), up to the next key.
    const start = block.findIndex((line) => /^\s*error: /.test(line));
    const indent = start < 0 ? 0 : block[start].search(/\S/);
    const error = start < 0 ? [] : [block[start]];
    for (let j = start + 1; start >= 0 && j < block.length && block[j].search(/\S/) > indent; j++) error.push(block[j]);
    console.log(`${file}: ${path}`);
    for (const line of error.slice(0, MAX_ERROR_LINES)) console.log(`    ${line.trim()}`);
  }
}
