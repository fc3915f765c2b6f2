// NetworkPolicies: the namespace denies by default; only the gateway is reachable from outside (the ingress
// controller), each service reaches exactly Kafka, MongoDB, DNS and what it calls. The checks evaluate the policies
// (lib/network.js) for concrete connections, Strimzi's own policy for the brokers included.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OVERLAYS, SKIP_WITHOUT_KUBECTL, ofKind, render } from '../lib/render.js';
import { SERVICES, property } from '../lib/repository.js';
import { deploymentOf, environmentOf, mainContainer, plainValue } from '../lib/kyoso.js';
import { allowed, brokerLabels, foreignPod, inCidr, matchSelector, podOf, strimziListenerPolicy } from '../lib/network.js';

const PORTS = { gateway: 8080, 'members-service': 8081, 'posts-service': 8082, 'notifications-service': 8083 };

describe('the NetworkPolicy evaluator', () => {
  const pod = (labels) => ({ namespace: 'ns', labels, namespaceLabels: { 'kubernetes.io/metadata.name': 'ns' } });
  const policy = (spec) => ({ kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'ns' }, spec });

  test('label selectors', () => {
    assert.ok(matchSelector({ matchLabels: { a: '1' } }, { a: '1', b: '2' }));
    assert.ok(!matchSelector({ matchLabels: { a: '1' } }, { a: '2' }));
    assert.ok(matchSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '3'] }] }, { a: '3' }));
    assert.ok(!matchSelector({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, { a: '1' }));
    assert.ok(matchSelector({}, {}));
  });

  test('CIDR blocks', () => {
    assert.ok(inCidr('10.1.2.3', '10.0.0.0/8'));
    assert.ok(!inCidr('11.0.0.1', '10.0.0.0/8'));
    assert.ok(inCidr('203.0.113.5', '0.0.0.0/0'));
  });

  test('default deny refuses, an allow rule on the right port allows, the wrong port does not', () => {
    const deny = policy({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const a = pod({ app: 'a' });
    const b = pod({ app: 'b' });
    assert.ok(allowed([], a, b, 80), 'no policy: open');
    assert.ok(!allowed([deny], a, b, 80));
    const egress = policy({ podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'b' } } }], ports: [{ port: 80 }] }] });
    const ingress = policy({ podSelector: { matchLabels: { app: 'b' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } } }], ports: [{ port: 80 }] }] });
    assert.ok(!allowed([deny, egress], a, b, 80), 'egress alone is not enough');
    assert.ok(allowed([deny, egress, ingress], a, b, 80));
    assert.ok(!allowed([deny, egress, ingress], a, b, 81));
    assert.ok(!allowed([deny, egress, ingress], b, a, 80));
  });
});

for (const overlay of OVERLAYS) {
  describe(`overlays/${overlay}: NetworkPolicies`, { skip: SKIP_WITHOUT_KUBECTL }, () => {
    const objects = () => render(overlay);
    const policies = () => [...ofKind(objects(), 'NetworkPolicy'), ...ofKind(objects(), 'Kafka').map(strimziListenerPolicy)];
    const pods = () => Object.fromEntries(SERVICES.map((service) => [service, podOf(deploymentOf(objects(), service))]));
    const broker = () => {
      const kafka = ofKind(objects(), 'Kafka')[0];
      return { namespace: kafka.metadata.namespace, labels: brokerLabels(kafka), namespaceLabels: { 'kubernetes.io/metadata.name': kafka.metadata.namespace } };
    };
    const mongodb = () => {
      const mongo = ofKind(objects(), 'MongoDBCommunity')[0];
      return { namespace: mongo.metadata.namespace, labels: { app: `${mongo.metadata.name}-svc` }, namespaceLabels: { 'kubernetes.io/metadata.name': mongo.metadata.namespace } };
    };
    const kafkaPort = () => ofKind(objects(), 'Kafka')[0].spec.kafka.listeners[0].port;
    const dns = foreignPod('kube-system', { 'k8s-app': 'kube-dns' });
    const ingressController = foreignPod('ingress-nginx', { 'app.kubernetes.io/name': 'ingress-nginx' });
    const prometheus = foreignPod('monitoring', { 'app.kubernetes.io/name': 'prometheus' });
    const stranger = foreignPod('somewhere-else', { app: 'curious' });
    const internet = { ip: '203.0.113.10' };
    const privateAddress = { ip: '10.20.30.40' };

    test('the namespace denies all ingress and egress by default', () => {
      const deny = ofKind(objects(), 'NetworkPolicy').find((p) => Object.keys(p.spec.podSelector).length === 0
        && p.spec.policyTypes?.includes('Ingress') && p.spec.policyTypes?.includes('Egress') && !p.spec.ingress && !p.spec.egress);
      assert.ok(deny, 'a default-deny NetworkPolicy (podSelector {}, Ingress and Egress, no rules)');
    });

    test('only the gateway is reachable from the ingress controller; nothing is reachable from another namespace', () => {
      for (const service of SERVICES) {
        assert.equal(allowed(policies(), ingressController, pods()[service], PORTS[service]), service === 'gateway', service);
        assert.ok(!allowed(policies(), stranger, pods()[service], PORTS[service]), `${service} from another namespace`);
      }
      assert.ok(!allowed(policies(), ingressController, broker(), kafkaPort()), 'Kafka from the ingress controller');
      assert.ok(!allowed(policies(), stranger, mongodb(), 27017), 'MongoDB from another namespace');
    });

    test('Prometheus in "monitoring" scrapes every service on the port its ServiceMonitor names', () => {
      for (const service of SERVICES) {
        const monitor = ofKind(objects(), 'ServiceMonitor').find((m) => m.metadata.name === service);
        assert.ok(monitor, `ServiceMonitor ${service}`);
        const kubernetesService = ofKind(objects(), 'Service').find((s) => s.metadata.name === service);
        for (const endpoint of monitor.spec.endpoints) {
          const port = kubernetesService.spec.ports.find((p) => p.name === endpoint.port);
          assert.ok(port, `Service ${service} has the port ${endpoint.port} its ServiceMonitor scrapes`);
          assert.ok(allowed(policies(), prometheus, pods()[service], port.port), `${service}:${port.port}`);
        }
      }
      // the gateway's metrics are scraped on its management port, which the ingress controller cannot reach
      assert.ok(!allowed(policies(), ingressController, pods().gateway, 9464), 'gateway management port from outside');
    });

    test('every pod resolves names', () => {
      for (const service of SERVICES) {
        assert.ok(allowed(policies(), pods()[service], dns, 53), service);
      }
    });

    test('the gateway reaches the three services and Kafka, nothing else', () => {
      const gateway = pods().gateway;
      for (const service of SERVICES.filter((s) => s !== 'gateway')) {
        assert.ok(allowed(policies(), gateway, pods()[service], PORTS[service]), `gateway -> ${service}`);
      }
      assert.ok(allowed(policies(), gateway, broker(), kafkaPort()), 'gateway -> Kafka');
      assert.ok(!allowed(policies(), gateway, mongodb(), 27017), 'gateway -> MongoDB');
      assert.ok(!allowed(policies(), gateway, internet, 443), 'gateway -> internet');
    });

    test('each service reaches Kafka and MongoDB; only notifications-service leaves the cluster (mail, Slack)', () => {
      for (const service of SERVICES.filter((s) => s !== 'gateway')) {
        assert.ok(allowed(policies(), pods()[service], broker(), kafkaPort()), `${service} -> Kafka`);
        assert.ok(allowed(policies(), pods()[service], mongodb(), 27017), `${service} -> MongoDB`);
        const outside = service === 'notifications-service';
        assert.equal(allowed(policies(), pods()[service], internet, 443), outside, `${service} -> https://hooks.slack.com`);
        assert.equal(allowed(policies(), pods()[service], internet, 587), outside, `${service} -> SMTP`);
      }
      assert.ok(!allowed(policies(), pods()['notifications-service'], privateAddress, 443), 'Slack egress excludes private addresses');
    });

    test('notifications-service reaches its mail server on the configured port', () => {
      const env = environmentOf(objects(), mainContainer(deploymentOf(objects(), 'notifications-service')));
      const host = plainValue(env, 'SPRING_MAIL_HOST');
      const port = Number(plainValue(env, 'SPRING_MAIL_PORT'));
      const inCluster = ofKind(objects(), 'Deployment').find((d) => d.metadata.name === host);
      const target = inCluster ? podOf(inCluster) : internet;
      assert.ok(allowed(policies(), pods()['notifications-service'], target, port), `notifications-service -> ${host}:${port}`);
    });

    test('services that verify tokens reach members-service\'s JWKS; services do not call each other otherwise', () => {
      for (const service of SERVICES.filter((s) => s !== 'members-service')) {
        const uses = Boolean(plainValue(environmentOf(objects(), mainContainer(deploymentOf(objects(), service))), 'KYOSO_JWKS_URI'))
          || Boolean(property(service, 'spring.security.oauth2.resourceserver.jwt.jwk-set-uri'));
        assert.equal(allowed(policies(), pods()[service], pods()['members-service'], 8081), uses, `${service} -> members-service`);
      }
      for (const from of ['members-service', 'posts-service', 'notifications-service']) {
        for (const to of ['posts-service', 'notifications-service'].filter((s) => s !== from)) {
          assert.ok(!allowed(policies(), pods()[from], pods()[to], PORTS[to]), `${from} -> ${to}`);
        }
        assert.ok(!allowed(policies(), pods()[from], pods().gateway, 8080), `${from} -> gateway`);
      }
    });

    test('KEDA (namespace keda) reaches the Kafka listener; MongoDB only from the services', () => {
      assert.ok(allowed(policies(), foreignPod('keda', { app: 'keda-operator' }), broker(), kafkaPort()));
      assert.ok(!allowed(policies(), pods().gateway, mongodb(), 27017));
      assert.ok(allowed(policies(), mongodb(), mongodb(), 27017), 'replication between the members');
    });

    if (overlay === 'production') {
      test('traces reach the collector in "monitoring"', () => {
        const collector = foreignPod('monitoring', { 'app.kubernetes.io/name': 'otel-collector' });
        for (const service of SERVICES) {
          assert.ok(allowed(policies(), pods()[service], collector, 4318), service);
        }
      });
    }
  });
}
