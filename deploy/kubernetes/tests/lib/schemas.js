// Schema validation of rendered objects:
//  - Kubernetes' own kinds, KEDA's and the prometheus-operator's with the kubernetes-models packages (JSON schemas of
//    the Kubernetes OpenAPI and of those projects' CRDs, compiled to validators; each model's validate() throws);
//  - Strimzi's and the MongoDB Community Operator's kinds with ajv against the openAPIV3Schema of the operators' own
//    CustomResourceDefinitions, vendored in crds/ (see crds/NOTICE).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { parseDocuments } from './render.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CRD_DIR = path.resolve(here, '..', 'crds');

/** The module of kubernetes-models (or a companion package) that holds the models of an apiVersion. */
export function modelModule(apiVersion) {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  if (group === 'keda.sh') {
    return `@kubernetes-models/keda/${apiVersion}`;
  }
  if (group === 'monitoring.coreos.com') {
    return `@kubernetes-models/prometheus-operator/${apiVersion}`;
  }
  if (group === '' || group.endsWith('.k8s.io') || !group.includes('.')) {
    return `kubernetes-models/${apiVersion}`;
  }
  return null;
}

/** The model class for an apiVersion and kind, or null when no package has it. */
export async function modelFor(apiVersion, kind) {
  const module = modelModule(apiVersion);
  if (!module) {
    return null;
  }
  try {
    const models = await import(module);
    return models[kind] ?? null;
  } catch (error) {
    if (error.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' || error.code === 'ERR_MODULE_NOT_FOUND') {
      return null;
    }
    throw error;
  }
}

/** Validates a built-in (or KEDA / prometheus-operator) object; returns null when valid, else the error message. */
export async function validateWithModel(object) {
  const Model = await modelFor(object.apiVersion, object.kind);
  if (!Model) {
    throw new Error(`no kubernetes-models schema for ${object.apiVersion} ${object.kind}`);
  }
  try {
    new Model(object).validate();
    return null;
  } catch (error) {
    return error.message;
  }
}

/**
 * A CRD's openAPIV3Schema as the API server applies it: a field the schema does not list is pruned (silently lost) or,
 * with strict field validation (kubectl's default since 1.27), refused, unless the schema keeps unknown fields there
 * (x-kubernetes-preserve-unknown-fields). So every object schema without that marker gets additionalProperties:
 * false. The root's metadata (and an embedded resource's) is ObjectMeta, which the API server checks itself.
 */
export function strictSchema(schema) {
  const copy = structuredClone(schema);
  const visit = (node, isObjectMeta) => {
    if (!node || typeof node !== 'object' || Array.isArray(node) || isObjectMeta) {
      return;
    }
    const isObject = node.type === 'object' || node.properties !== undefined;
    if (isObject && !node['x-kubernetes-preserve-unknown-fields'] && node.additionalProperties === undefined) {
      node.additionalProperties = false;
    }
    const embedded = node['x-kubernetes-embedded-resource'] === true;
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      visit(child, embedded && key === 'metadata');
    }
    if (node.items) {
      visit(node.items, false);
    }
    if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      visit(node.additionalProperties, false);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf']) {
      (node[key] ?? []).forEach((child) => visit(child, false));
    }
    if (node.not) {
      visit(node.not, false);
    }
  };
  copy.properties = { ...copy.properties, metadata: { type: 'object' } };
  visit(copy, false);
  copy.properties.metadata = { type: 'object' };
  return copy;
}

let crdValidatorCache;

/**
 * One ajv validator per served version of every vendored CRD, keyed "group/version Kind". Also lists each CRD's
 * file and whether the version is deprecated.
 */
export function crdValidators() {
  if (!crdValidatorCache) {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    crdValidatorCache = new Map();
    for (const file of fs.readdirSync(CRD_DIR).filter((name) => name.endsWith('.yaml')).sort()) {
      for (const crd of parseDocuments(fs.readFileSync(path.join(CRD_DIR, file), 'utf8'), file)) {
        if (crd.kind !== 'CustomResourceDefinition') {
          continue;
        }
        for (const version of crd.spec.versions.filter((v) => v.served)) {
          const key = `${crd.spec.group}/${version.name} ${crd.spec.names.kind}`;
          crdValidatorCache.set(key, {
            file,
            deprecated: version.deprecated === true,
            validate: ajv.compile(strictSchema(version.schema.openAPIV3Schema)),
          });
        }
      }
    }
  }
  return crdValidatorCache;
}

export function hasCrd(object) {
  return crdValidators().has(`${object.apiVersion} ${object.kind}`);
}

/** Validates a custom resource against its vendored CRD; null when valid, else the errors, one per line. */
export function validateWithCrd(object) {
  const entry = crdValidators().get(`${object.apiVersion} ${object.kind}`);
  if (!entry) {
    throw new Error(`no vendored CRD for ${object.apiVersion} ${object.kind}`);
  }
  if (entry.validate(object)) {
    return null;
  }
  return entry.validate.errors
    .map((error) => `${error.instancePath || '/'} ${error.message}${error.params?.additionalProperty ? `: ${error.params.additionalProperty}` : ''}${error.params?.allowedValues ? ` ${JSON.stringify(error.params.allowedValues)}` : ''}`)
    .join('\n');
}
