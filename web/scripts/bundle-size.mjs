// Prints the JavaScript a first visit downloads before the app can run (the entry script and the chunks index.html
// preloads), gzipped, and fails the build above the budget: small towns' PCs and phones are slow and often old.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET_KB = 170;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const script of scripts) {
  const size = gzipSync(readFileSync(join(dist, script))).length;
  total += size;
  console.log(`  ${script}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
const kb = total / 1024;
console.log(`initial JavaScript: ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`);
if (scripts.length === 0) {
  console.error('no script found in dist/index.html');
  process.exit(1);
}
if (kb > BUDGET_KB) {
  console.error(`the initial JavaScript is over its budget of ${BUDGET_KB} KB: load more of it lazily`);
  process.exit(1);
}
