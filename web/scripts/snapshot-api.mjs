// Refreshes openapi/*.json from a running platform (`./kyoso up`): node scripts/snapshot-api.mjs [membersUrl postsUrl notificationsUrl]
// The end-to-end test ApiDocsIT fails when a service's live spec and its snapshot here differ.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [members = 'http://localhost:8081', posts = 'http://localhost:8082', notifications = 'http://localhost:8083'] =
  process.argv.slice(2);
for (const [name, base] of Object.entries({ members, posts, notifications })) {
  const response = await fetch(`${base}/v3/api-docs`);
  if (!response.ok) throw new Error(`${name}: ${base}/v3/api-docs answered ${response.status}`);
  const spec = await response.json();
  writeFileSync(join(root, 'openapi', `${name}.json`), JSON.stringify(spec, null, 2) + '\n');
  console.log(`openapi/${name}.json ← ${base}/v3/api-docs`);
}
