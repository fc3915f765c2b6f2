// Generates the TypeScript types of the API from the services' OpenAPI specs in openapi/ (snapshots of what each
// service serves at /v3/api-docs; `npm run api:snapshot` refreshes them from a running platform). The build runs this
// first, so a changed API breaks the type check of the web client instead of a user's screen.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const services = ['members', 'posts', 'notifications'];
const cli = join(root, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
mkdirSync(join(root, 'src', 'api', 'generated'), { recursive: true });
for (const service of services) {
  execFileSync(process.execPath, [cli, join(root, 'openapi', `${service}.json`), '-o',
    join(root, 'src', 'api', 'generated', `${service}.ts`), '--root-types', '--root-types-no-schema-prefix'], { stdio: 'inherit' });
}
