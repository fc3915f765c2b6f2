// A small evaluator of Kubernetes NetworkPolicies (networking.k8s.io/v1 semantics): is a connection from one pod (or
// address) to another pod (or address) on a TCP port allowed? A pod selected by no policy of a direction is not
// isolated in that direction; otherwise some rule of some policy selecting it must allow the peer and the port.
// Pods are { namespace, labels, namespaceLabels }; addresses are { ip }. Named ports are not supported (the manifests
// use numbers).

export function matchSelector(selector, labels = {}) {
  if (!selector) {
    return true;
  }
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) {
      return false;
    }
  }
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, expression.key);
    const value = labels[expression.key];
    switch (expression.operator) {
      case 'In':
        if (!has || !expression.values.includes(value)) return false;
        break;
      case 'NotIn':
        if (has && expression.values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        throw new Error(`unknown selector operator ${expression.operator}`);
    }
  }
  return true;
}

function ipToNumber(ip) {
  return ip.split('.').reduce((number, part) => number * 256 + Number(part), 0);
}

export function inCidr(ip, cidr) {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipToNumber(base) / size) * size;
  const value = ipToNumber(ip);
  return value >= start && value < start + size;
}

/** A pod as the scheduler would make it from a workload's pod template. */
export function podOf(workload) {
  const namespace = workload.metadata.namespace;
  return {
    name: workload.metadata.name,
    namespace,
    labels: workload.spec.template.metadata.labels ?? {},
    namespaceLabels: { 'kubernetes.io/metadata.name': namespace },
  };
}

/** A pod in another namespace (the namespace has only its automatic name label). */
export function foreignPod(namespace, labels = {}) {
  return { name: `${namespace}-pod`, namespace, labels, namespaceLabels: { 'kubernetes.io/metadata.name': namespace } };
}

function policyTypes(policy) {
  if (policy.spec.policyTypes) {
    return policy.spec.policyTypes;
  }
  return policy.spec.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function selecting(policies, pod, type) {
  return policies.filter((policy) => policy.metadata.namespace === pod.namespace
    && matchSelector(policy.spec.podSelector, pod.labels)
    && policyTypes(policy).includes(type));
}

function peerMatches(peer, policyNamespace, other) {
  if (peer.ipBlock) {
    return other.ip !== undefined && inCidr(other.ip, peer.ipBlock.cidr)
      && !(peer.ipBlock.except ?? []).some((cidr) => inCidr(other.ip, cidr));
  }
  if (other.ip !== undefined) {
    return false;
  }
  const namespaceOk = peer.namespaceSelector
    ? matchSelector(peer.namespaceSelector, other.namespaceLabels)
    : other.namespace === policyNamespace;
  const podOk = peer.podSelector ? matchSelector(peer.podSelector, other.labels) : true;
  return namespaceOk && podOk;
}

function portMatches(ports, port) {
  if (!ports || ports.length === 0) {
    return true;
  }
  return ports.some((entry) => (entry.protocol ?? 'TCP') === 'TCP'
    && (entry.port === undefined || entry.port === port || (entry.endPort !== undefined && port >= entry.port && port <= entry.endPort)));
}

function allowedBy(policies, direction, other, port) {
  const rulesKey = direction === 'Ingress' ? 'ingress' : 'egress';
  const peersKey = direction === 'Ingress' ? 'from' : 'to';
  return policies.some((policy) => (policy.spec[rulesKey] ?? []).some((rule) => {
    const peers = rule[peersKey];
    const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, policy.metadata.namespace, other));
    return peerOk && portMatches(rule.ports, port);
  }));
}

/** Whether `from` may open a TCP connection to `to` on `port` under these policies. */
export function allowed(policies, from, to, port) {
  if (from.ip === undefined) {
    const egress = selecting(policies, from, 'Egress');
    if (egress.length > 0 && !allowedBy(egress, 'Egress', to, port)) {
      return false;
    }
  }
  if (to.ip === undefined) {
    const ingress = selecting(policies, to, 'Ingress');
    if (ingress.length > 0 && !allowedBy(ingress, 'Ingress', from, port)) {
      return false;
    }
  }
  return true;
}

/**
 * The NetworkPolicy Strimzi's Cluster Operator writes for the brokers of a Kafka resource (KafkaCluster
 * generateNetworkPolicy): each listener's port is open to its networkPolicyPeers, or to everyone without them. Only
 * the listener part matters here (the internal ports are Strimzi's own business).
 */
export function strimziListenerPolicy(kafka) {
  const namespace = kafka.metadata.namespace;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${kafka.metadata.name}-network-policy-kafka`, namespace },
    spec: {
      podSelector: { matchLabels: brokerLabels(kafka) },
      policyTypes: ['Ingress'],
      ingress: kafka.spec.kafka.listeners.map((listener) => ({
        ports: [{ protocol: 'TCP', port: listener.port }],
        ...(listener.networkPolicyPeers?.length ? { from: listener.networkPolicyPeers } : {}),
      })),
    },
  };
}

/** The labels Strimzi puts on the broker pods of a Kafka cluster (Labels.strimziSelectorLabels). */
export function brokerLabels(kafka) {
  return {
    'strimzi.io/cluster': kafka.metadata.name,
    'strimzi.io/kind': 'Kafka',
    'strimzi.io/name': `${kafka.metadata.name}-kafka`,
  };
}
