// Writes a large CSV for the streaming measurements (never committed): 20 numeric columns f0…f19
// and a label column (0, 1, 2), pseudo-random (LCG). argv: <out.csv> <megabytes>
import { createWriteStream } from 'node:fs';

const [path, megabytes = '200'] = process.argv.slice(2);
const target = Number(megabytes) * 1e6;
const out = createWriteStream(path);
let s = 7;
const next = () => {
  s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
  return s / 4294967296;
};
const columns = 20;
out.write(`${[...Array.from({ length: columns }, (_, j) => `f${j}`), 'label'].join(',')}\n`);
let written = 0;
while (written < target) {
  let lines = '';
  for (let r = 0; r < 1000; r++) {
    const cells = Array.from({ length: columns }, (_, j) => (next() * (j + 1) * 10 - j).toFixed(4));
    lines += `${cells.join(',')},${Math.floor(next() * 3)}\n`;
  }
  written += lines.length;
  if (!out.write(lines)) await new Promise((resolve) => out.once('drain', resolve));
}
out.end();
