// Views of a rendered overlay that the tests share: the Kyoso workloads, their environment as the kubelet would build
// it, their replica bounds.
import { ofKind, named } from './render.js';

/** The Deployments of Kyoso's four services (label app.kubernetes.io/part-of: kyoso). */
export function kyosoDeployments(objects) {
  return ofKind(objects, 'Deployment').filter((d) => d.metadata.labels?.['app.kubernetes.io/part-of'] === 'kyoso');
}

export function deploymentOf(objects, service) {
  const deployment = named(objects, 'Deployment', service);
  if (!deployment) {
    throw new Error(`no Deployment ${service}`);
  }
  return deployment;
}

/** The service's own container (named like the Deployment). */
export function mainContainer(deployment) {
  const container = deployment.spec.template.spec.containers.find((c) => c.name === deployment.metadata.name);
  if (!container) {
    throw new Error(`Deployment ${deployment.metadata.name} has no container of its name`);
  }
  return container;
}

/**
 * The environment of a container: name -> { value } | { secretKeyRef } | { configMapKeyRef } | { fieldRef }, each
 * with its source. envFrom ConfigMaps are resolved from the rendered objects (a missing one throws); env entries
 * override envFrom, later envFrom sources override earlier ones, as the kubelet does. Secrets in envFrom are recorded
 * by name only (their keys are unknown offline).
 */
export function environmentOf(objects, container) {
  const environment = new Map();
  const secretSources = [];
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const configMap = named(objects, 'ConfigMap', source.configMapRef.name);
      if (!configMap) {
        if (source.configMapRef.optional) continue;
        throw new Error(`envFrom names ConfigMap ${source.configMapRef.name}, which is not in the rendered output`);
      }
      for (const [key, value] of Object.entries(configMap.data ?? {})) {
        environment.set(`${source.prefix ?? ''}${key}`, { value, source: `ConfigMap ${configMap.metadata.name}` });
      }
    } else if (source.secretRef) {
      secretSources.push(source.secretRef.name);
    }
  }
  for (const entry of container.env ?? []) {
    if (entry.valueFrom) {
      environment.set(entry.name, { ...entry.valueFrom, source: 'env' });
    } else {
      environment.set(entry.name, { value: entry.value ?? '', source: 'env' });
    }
  }
  environment.secretSources = secretSources;
  return environment;
}

/** The value of a plain variable, or undefined when it is unset or comes from a Secret. */
export function plainValue(environment, name) {
  return environment.get(name)?.value;
}

/** The HorizontalPodAutoscaler or KEDA ScaledObject that scales a Deployment, with its bounds. */
export function scalerOf(objects, deployment) {
  const name = deployment.metadata.name;
  const hpas = ofKind(objects, 'HorizontalPodAutoscaler')
    .filter((hpa) => hpa.spec.scaleTargetRef.kind === 'Deployment' && hpa.spec.scaleTargetRef.name === name);
  const scaledObjects = ofKind(objects, 'ScaledObject')
    .filter((so) => (so.spec.scaleTargetRef.kind ?? 'Deployment') === 'Deployment' && so.spec.scaleTargetRef.name === name);
  return {
    hpas,
    scaledObjects,
    min: hpas[0]?.spec.minReplicas ?? scaledObjects[0]?.spec.minReplicaCount ?? deployment.spec.replicas ?? 1,
    max: hpas[0]?.spec.maxReplicas ?? scaledObjects[0]?.spec.maxReplicaCount ?? deployment.spec.replicas ?? 1,
  };
}

/** The most pods a Deployment may ever have at once: its scaler's maximum (or replicas) plus a rollout's surge. */
export function maxPods(objects, deployment) {
  return scalerOf(objects, deployment).max;
}

/** Kubernetes quantities to numbers: cpu in cores, memory in bytes. */
export function cpuCores(quantity) {
  const text = String(quantity);
  return text.endsWith('m') ? Number(text.slice(0, -1)) / 1000 : Number(text);
}

export function bytes(quantity) {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(quantity));
  if (!match) {
    throw new Error(`not a memory quantity: ${quantity}`);
  }
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 }[match[2]] ?? 1;
  return Number(match[1]) * unit;
}
