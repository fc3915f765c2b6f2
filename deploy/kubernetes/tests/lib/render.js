// Renders the overlays with `kubectl kustomize` (the kustomize built into kubectl) and parses the result.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
/** deploy/kubernetes */
export const KUBERNETES_DIR = path.resolve(here, '..', '..');
/** the repository root */
export const REPOSITORY_DIR = path.resolve(KUBERNETES_DIR, '..', '..');
export const OVERLAYS = ['dev', 'production'];

function findKubectl() {
  const result = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    return null;
  }
  return result.stdout.trim().split('\n').join('; ');
}

const kubectlVersion = findKubectl();

/**
 * false when kubectl is on the PATH, else the reason every test that needs a rendering is skipped (node:test prints
 * it next to each skipped test; the message is also printed once here).
 */
export const SKIP_WITHOUT_KUBECTL = kubectlVersion
  ? false
  : 'kubectl is not on the PATH: the overlays cannot be rendered, so the manifests are NOT checked';
if (!kubectlVersion) {
  console.log(`# SKIPPED: ${SKIP_WITHOUT_KUBECTL} (install kubectl 1.27+ to run these checks)`);
}

const renderings = new Map();

/** The objects of `kubectl kustomize deploy/kubernetes/overlays/<overlay>`, as plain objects (cached). */
export function render(overlay) {
  if (!renderings.has(overlay)) {
    const dir = path.join(KUBERNETES_DIR, 'overlays', overlay);
    const output = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    renderings.set(overlay, parseDocuments(output, `overlays/${overlay}`));
  }
  return renderings.get(overlay);
}

/** Every non-empty YAML document of a multi-document text, as plain objects; a YAML error fails loudly. */
export function parseDocuments(text, source) {
  return YAML.parseAllDocuments(text)
    .map((document, index) => {
      if (document.errors.length > 0) {
        throw new Error(`${source}, document ${index + 1}: ${document.errors.map((e) => e.message).join('; ')}`);
      }
      return document.toJS({ maxAliasCount: -1 });
    })
    .filter((object) => object !== null && object !== undefined);
}

/** "Kind namespace/name", for messages. */
export function describe(object) {
  const ns = object.metadata?.namespace ? `${object.metadata.namespace}/` : '';
  return `${object.kind} ${ns}${object.metadata?.name}`;
}

export function ofKind(objects, kind) {
  return objects.filter((object) => object.kind === kind);
}

export function named(objects, kind, name) {
  return objects.find((object) => object.kind === kind && object.metadata?.name === name);
}
