// Turns the reference lists of prefectures and municipalities (../shared/data, code4fukui/localgovjp, CC0 1.0) into
// the compact JSON the registration and profile forms read (src/features/auth/data/localgov.json, committed). Run
// again when the lists change: `node scripts/generate-localgov.mjs [path/to/data]`.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = process.argv[2] ?? join(root, '..', '..', 'shared', 'data');
const target = join(root, 'src', 'features', 'auth', 'data', 'localgov.json');

/** RFC 4180 rows: one field may hold quotes ("""げんき""と…") or commas. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); field = '';
      if (row.some((value) => value !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((values) => Object.fromEntries(header.map((name, index) => [name, values[index] ?? ''])));
}

const read = (name) => parseCsv(readFileSync(join(source, name), 'utf8').replace(/^\uFEFF/, ''));
const prefectures = read('prefectures.csv');
const municipalities = read('municipalities.csv');

// 全国地方公共団体コード has 6 digits; the prefecture list lost the leading zero of 01–09 (10006 is 北海道's 010006).
const code = (value) => value.padStart(6, '0');

const output = {
  source: 'code4fukui/localgovjp (CC0 1.0), see README.md',
  prefectures: prefectures
    .sort((a, b) => Number(a.pid) - Number(b.pid))
    .map((prefecture) => ({
      name: prefecture.pref,
      code: code(prefecture.lgcode),
      // [name, lgcode], in the list's order (designated cities before their wards, then the rest)
      municipalities: municipalities
        .filter((row) => row.pid === prefecture.pid)
        .map((row) => [row.city, code(row.lgcode)]),
    })),
};

const count = output.prefectures.reduce((sum, prefecture) => sum + prefecture.municipalities.length, 0);
if (output.prefectures.length !== 47 || count !== municipalities.length) {
  throw new Error(`unexpected data: ${output.prefectures.length} prefectures, ${count}/${municipalities.length} municipalities`);
}
writeFileSync(target, `${JSON.stringify(output)}\n`);
console.log(`wrote ${target}: 47 prefectures, ${count} municipalities`);
