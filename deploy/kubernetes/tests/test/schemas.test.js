// Every rendered object is valid against the schema of its kind: Kubernetes' own kinds, KEDA's and the
// prometheus-operator's through kubernetes-models; Strimzi's and MongoDB's through their operators' CRDs (ajv).
// Nothing is rendered that no schema covers. The validators themselves are shown to refuse broken objects.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OVERLAYS, SKIP_WITHOUT_KUBECTL, describe as name, render } from '../lib/render.js';
import { crdValidators, hasCrd, modelFor, validateWithCrd, validateWithModel } from '../lib/schemas.js';

test('kubectl kustomize renders the overlays (skipped, and so are the checks of the rendered objects, without kubectl)', { skip: SKIP_WITHOUT_KUBECTL }, () => {
  for (const overlay of OVERLAYS) {
    assert.ok(render(overlay).length > 0, overlay);
  }
});

for (const overlay of OVERLAYS) {
  describe(`overlays/${overlay}: schemas`, { skip: SKIP_WITHOUT_KUBECTL }, () => {
    test('renders, with no two objects of the same kind, namespace and name', () => {
      const objects = render(overlay);
      assert.ok(objects.length > 0);
      const seen = new Set();
      for (const object of objects) {
        const key = name(object);
        assert.ok(!seen.has(key), `${key} twice`);
        seen.add(key);
        assert.ok(object.apiVersion && object.kind && object.metadata?.name, `incomplete object: ${JSON.stringify(object).slice(0, 200)}`);
      }
    });

    test('every object but the Namespace is in the namespace kyoso', () => {
      for (const object of render(overlay)) {
        if (object.kind === 'Namespace') {
          assert.equal(object.metadata.name, 'kyoso');
        } else {
          assert.equal(object.metadata.namespace, 'kyoso', `${name(object)} is not in kyoso`);
        }
      }
    });

    test('every Kubernetes, KEDA and prometheus-operator object is valid (kubernetes-models)', async () => {
      const failures = [];
      let checked = 0;
      for (const object of render(overlay).filter((o) => !hasCrd(o))) {
        const error = await validateWithModel(object);
        checked += 1;
        if (error) {
          failures.push(`${name(object)}: ${error}`);
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(checked > 30, `only ${checked} objects were checked`);
    });

    test('every Strimzi and MongoDB object is valid against its operator\'s CRD (unknown fields refused)', () => {
      const failures = [];
      const kinds = new Set();
      for (const object of render(overlay).filter(hasCrd)) {
        kinds.add(object.kind);
        const error = validateWithCrd(object);
        if (error) {
          failures.push(`${name(object)}:\n${error}`);
        }
      }
      assert.deepEqual(failures, []);
      assert.deepEqual([...kinds].sort(), ['Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser', 'MongoDBCommunity']);
    });

    test('the Strimzi objects are valid as kafka.strimzi.io/v1 too (v1beta2 is deprecated in Strimzi 0.51; 1.x serves only v1)', () => {
      const failures = [];
      for (const object of render(overlay).filter((o) => o.apiVersion === 'kafka.strimzi.io/v1beta2')) {
        const error = validateWithCrd({ ...object, apiVersion: 'kafka.strimzi.io/v1' });
        if (error) {
          failures.push(`${name(object)}:\n${error}`);
        }
      }
      assert.deepEqual(failures, []);
    });

    test('no object is left without a schema', async () => {
      const uncovered = [];
      for (const object of render(overlay)) {
        if (!hasCrd(object) && !(await modelFor(object.apiVersion, object.kind))) {
          uncovered.push(`${object.apiVersion} ${name(object)}`);
        }
      }
      assert.deepEqual(uncovered, []);
    });
  });
}

describe('the validators refuse what the API server would refuse', () => {
  const deployment = () => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'x', namespace: 'kyoso' },
    spec: {
      selector: { matchLabels: { app: 'x' } },
      template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'x', image: 'x:1' }] } },
    },
  });

  test('a valid Deployment passes', async () => {
    assert.equal(await validateWithModel(deployment()), null);
  });

  test('a Deployment with replicas as a string is refused', async () => {
    const broken = deployment();
    broken.spec.replicas = 'two';
    assert.match(await validateWithModel(broken), /replicas must be integer/);
  });

  test('a Deployment without its required selector is refused', async () => {
    const broken = deployment();
    delete broken.spec.selector;
    assert.match(await validateWithModel(broken), /required property '?selector'?/);
  });

  test('a container without a name is refused', async () => {
    const broken = deployment();
    delete broken.spec.template.spec.containers[0].name;
    assert.match(await validateWithModel(broken), /required property '?name'?/);
  });

  test('a HorizontalPodAutoscaler without maxReplicas is refused', async () => {
    const hpa = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'x' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' } },
    };
    assert.match(await validateWithModel(hpa), /maxReplicas/);
  });

  test('a KEDA ScaledObject without triggers is refused', async () => {
    const scaledObject = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'x' }, spec: { scaleTargetRef: { name: 'x' } } };
    assert.match(await validateWithModel(scaledObject), /triggers/);
  });

  test('a ServiceMonitor whose endpoints is not a list is refused', async () => {
    const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'x' }, spec: { selector: {}, endpoints: { port: 'http' } } };
    assert.match(await validateWithModel(monitor), /endpoints must be array/);
  });

  test('an unknown apiVersion has no model (so the schema test would report it)', async () => {
    assert.equal(await modelFor('example.com/v1', 'Widget'), null);
    await assert.rejects(validateWithModel({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } }), /no kubernetes-models schema/);
  });

  const kafka = () => ({
    apiVersion: 'kafka.strimzi.io/v1beta2',
    kind: 'Kafka',
    metadata: { name: 'k', namespace: 'kyoso' },
    spec: {
      kafka: { listeners: [{ name: 'tls', port: 9093, type: 'internal', tls: true }], config: { 'any.broker.setting': 1 } },
    },
  });

  test('the Strimzi and MongoDB CRDs are loaded, Strimzi at kafka.strimzi.io/v1beta2', () => {
    const keys = [...crdValidators().keys()];
    for (const key of ['kafka.strimzi.io/v1beta2 Kafka', 'kafka.strimzi.io/v1beta2 KafkaNodePool', 'kafka.strimzi.io/v1beta2 KafkaTopic',
      'kafka.strimzi.io/v1beta2 KafkaUser', 'mongodbcommunity.mongodb.com/v1 MongoDBCommunity']) {
      assert.ok(keys.includes(key), `${key} not among ${keys.join(', ')}`);
    }
  });

  test('a valid Kafka passes; its free-form config keeps unknown keys', () => {
    assert.equal(validateWithCrd(kafka()), null);
  });

  test('a Kafka with an unknown field is refused (the API server would prune it)', () => {
    const broken = kafka();
    broken.spec.kafka.listners = [];
    assert.match(validateWithCrd(broken), /must NOT have additional properties: listners/);
  });

  test('a Kafka listener with tls as a string, or an unknown type, is refused', () => {
    const broken = kafka();
    broken.spec.kafka.listeners[0].tls = 'yes';
    broken.spec.kafka.listeners[0].type = 'public';
    const error = validateWithCrd(broken);
    assert.match(error, /tls must be boolean/);
    assert.match(error, /type must be equal to one of the allowed values/);
  });

  test('a Kafka without its required kafka section is refused', () => {
    const broken = kafka();
    delete broken.spec.kafka;
    assert.match(validateWithCrd(broken), /must have required property 'kafka'/);
  });

  test('a KafkaTopic with no partitions (0) is refused', () => {
    const topic = { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'KafkaTopic', metadata: { name: 't' }, spec: { partitions: 0, replicas: 3 } };
    assert.match(validateWithCrd(topic), /partitions must be >= 1/);
  });

  test('a KafkaUser ACL with an unknown operation is refused', () => {
    const user = {
      apiVersion: 'kafka.strimzi.io/v1beta2',
      kind: 'KafkaUser',
      metadata: { name: 'u' },
      spec: {
        authentication: { type: 'scram-sha-512' },
        authorization: { type: 'simple', acls: [{ resource: { type: 'topic', name: 't' }, operations: ['Steal'] }] },
      },
    };
    assert.match(validateWithCrd(user), /operations\/0 must be equal to one of the allowed values/);
  });

  test('a MongoDBCommunity of an unknown type, or without users, is refused', () => {
    const mongo = {
      apiVersion: 'mongodbcommunity.mongodb.com/v1',
      kind: 'MongoDBCommunity',
      metadata: { name: 'm' },
      spec: { type: 'Sharded', members: 3, security: { authentication: { modes: ['SCRAM'] } } },
    };
    const error = validateWithCrd(mongo);
    assert.match(error, /type must be equal to one of the allowed values/);
    assert.match(error, /must have required property 'users'/);
  });

  test('a MongoDBCommunity user\'s role without its database is refused', () => {
    const mongo = {
      apiVersion: 'mongodbcommunity.mongodb.com/v1',
      kind: 'MongoDBCommunity',
      metadata: { name: 'm' },
      spec: { type: 'ReplicaSet', members: 3, security: {}, users: [{ name: 'u', roles: [{ name: 'readWrite' }] }] },
    };
    assert.match(validateWithCrd(mongo), /roles\/0 must have required property 'db'/);
  });
});
