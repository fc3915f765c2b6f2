// Kafka through Strimzi: every topic the services name exists as a KafkaTopic, with enough partitions for every pod
// of each consumer group, the services' ACLs are those of the compose script, and the cluster is KRaft with a
// TLS + SCRAM listener and simple authorization.
//
// Partitions against pods: a consumer group never gives one partition to two members, so a topic needs at least as
// many partitions as the most pods any group reading it may ever have. That is the autoscaler's maximum (HPA
// maxReplicas, KEDA maxReplicaCount) of the consuming service, not its current count: past the partitions, a
// scaled-up pod would sit idle in that group while costing a rebalance. Topics read without a group (the revocation
// feeds, the live-stream signals, posts-service's per-pod search index) are read whole by every pod and are not
// bounded that way. The services' own declared partitions (kyoso.kafka.topics, default 6) are a floor too: they would
// add partitions to a smaller topic at start-up, behind the Topic Operator's back.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OVERLAYS, SKIP_WITHOUT_KUBECTL, describe as name, named, ofKind, render } from '../lib/render.js';
import { SERVICES, composeAcls, kafkaUsage, topicNames } from '../lib/repository.js';
import { deploymentOf, environmentOf, mainContainer, scalerOf } from '../lib/kyoso.js';

function topicsByName(objects) {
  return new Map(ofKind(objects, 'KafkaTopic').map((topic) => [topic.spec.topicName ?? topic.metadata.name, topic]));
}

/** A KafkaUser's ACLs in the compose script's notation: "principal|type|name|pattern|operation". */
function userAcls(user) {
  const acls = new Set();
  for (const acl of user.spec.authorization?.acls ?? []) {
    assert.notEqual(acl.type, 'deny', `${name(user)}: deny ACLs are not used`);
    assert.ok(!acl.host || acl.host === '*', `${name(user)}: host-bound ACL`);
    for (const operation of acl.operations ?? [acl.operation]) {
      acls.add(`${user.metadata.name}|${acl.resource.type}|${acl.resource.name}|${acl.resource.patternType ?? 'literal'}|${operation}`);
    }
  }
  return acls;
}

describe('reading the compose ACL script', () => {
  test('understands its topic lists, groups and prefixed groups', () => {
    const acls = composeAcls(`mapfile -t t < <(topics a.v1 b.v1 \\
        c.dlt)
allow svc Write Describe -- "\${t[@]}"
allow svc Read -- --group svc --group svc-two
allow svc Read -- --group anonymous. --resource-pattern-type prefixed
allow gw Read Describe -- --topic a.v1
`);
    assert.deepEqual([...acls].sort(), [
      'gw|topic|a.v1|literal|Describe', 'gw|topic|a.v1|literal|Read',
      'svc|group|anonymous.|prefix|Read', 'svc|group|svc-two|literal|Read', 'svc|group|svc|literal|Read',
      'svc|topic|a.v1|literal|Describe', 'svc|topic|a.v1|literal|Write', 'svc|topic|b.v1|literal|Describe',
      'svc|topic|b.v1|literal|Write', 'svc|topic|c.dlt|literal|Describe', 'svc|topic|c.dlt|literal|Write',
    ].sort());
  });

  test('finds every service and the gateway in the real script', () => {
    const principals = new Set([...composeAcls()].map((acl) => acl.split('|')[0]));
    assert.deepEqual([...principals].sort(), [...SERVICES].sort());
  });
});

for (const overlay of OVERLAYS) {
  describe(`overlays/${overlay}: Kafka`, { skip: SKIP_WITHOUT_KUBECTL }, () => {
    const objects = () => render(overlay);

    test('the cluster: KRaft with node pools, a TLS listener with SCRAM-SHA-512, simple authorization, both entity operators', () => {
      const kafkas = ofKind(objects(), 'Kafka');
      assert.equal(kafkas.length, 1);
      const [kafka] = kafkas;
      assert.equal(kafka.apiVersion, 'kafka.strimzi.io/v1beta2');
      assert.equal(kafka.metadata.annotations['strimzi.io/node-pools'], 'enabled');
      assert.equal(kafka.metadata.annotations['strimzi.io/kraft'], 'enabled');
      assert.equal(kafka.spec.zookeeper, undefined);
      assert.ok(kafka.spec.kafka.listeners.length > 0);
      for (const listener of kafka.spec.kafka.listeners) {
        assert.equal(listener.tls, true, `listener ${listener.name} without TLS`);
        assert.equal(listener.authentication?.type, 'scram-sha-512', `listener ${listener.name}`);
      }
      assert.equal(kafka.spec.kafka.authorization?.type, 'simple');
      assert.equal(kafka.spec.kafka.config['auto.create.topics.enable'], false);
      assert.ok(kafka.spec.entityOperator?.topicOperator, 'topicOperator');
      assert.ok(kafka.spec.entityOperator?.userOperator, 'userOperator');
    });

    test('the node pool: controller and broker roles, persistent claims; three nodes in production', () => {
      const kafka = ofKind(objects(), 'Kafka')[0];
      const pools = ofKind(objects(), 'KafkaNodePool').filter((pool) => pool.metadata.labels['strimzi.io/cluster'] === kafka.metadata.name);
      assert.ok(pools.length > 0);
      const roles = new Set(pools.flatMap((pool) => pool.spec.roles));
      assert.ok(roles.has('controller') && roles.has('broker'));
      for (const pool of pools) {
        const volumes = pool.spec.storage.type === 'jbod' ? pool.spec.storage.volumes : [pool.spec.storage];
        for (const volume of volumes) {
          assert.equal(volume.type, 'persistent-claim', `${name(pool)}: ${volume.type} storage`);
          assert.equal(volume.deleteClaim ?? false, false, `${name(pool)}: deleting the claims with the cluster loses the data`);
        }
      }
      const nodes = pools.filter((pool) => pool.spec.roles.includes('broker')).reduce((sum, pool) => sum + pool.spec.replicas, 0);
      if (overlay === 'production') {
        assert.equal(nodes, 3);
        assert.ok(kafka.spec.kafka.rack?.topologyKey, 'production: brokers know their zone (rack)');
      }
    });

    test('every topic a service names (declared, consumed, dead letters) has a KafkaTopic, and every KafkaTopic is used', () => {
      const topics = topicsByName(objects());
      const named_ = new Set(SERVICES.flatMap((service) => [...topicNames(service)]));
      const missing = [...named_].filter((topic) => !topics.has(topic));
      assert.deepEqual(missing, [], 'topics without a KafkaTopic');
      const unused = [...topics.keys()].filter((topic) => !named_.has(topic));
      assert.deepEqual(unused, [], 'KafkaTopics no service names');
      const kafka = ofKind(objects(), 'Kafka')[0];
      for (const topic of topics.values()) {
        assert.equal(topic.metadata.labels['strimzi.io/cluster'], kafka.metadata.name, name(topic));
      }
    });

    test('every topic has at least the partitions its services declare, and its declared retention', () => {
      const topics = topicsByName(objects());
      for (const service of SERVICES) {
        const environment = environmentOf(objects(), mainContainer(deploymentOf(objects(), service)));
        for (const declared of kafkaUsage(service, environment).declared) {
          const topic = topics.get(declared.name);
          assert.ok(topic.spec.partitions >= declared.partitions,
            `${declared.name}: ${topic.spec.partitions} partitions, ${service} declares ${declared.partitions}`);
          if (declared.retentionMs !== null) {
            assert.equal(Number(topic.spec.config?.['retention.ms']), declared.retentionMs, `${declared.name}: retention.ms (${service})`);
          }
        }
      }
    });

    test('every dead-letter topic has at least the partitions of its source (the binder keeps the partition)', () => {
      const topics = topicsByName(objects());
      for (const service of SERVICES) {
        for (const dlq of kafkaUsage(service).deadLetters) {
          assert.ok(topics.get(dlq.name).spec.partitions >= topics.get(dlq.source).spec.partitions,
            `${dlq.name}: fewer partitions than ${dlq.source}`);
        }
      }
    });

    test('every topic read by a consumer group has at least as many partitions as that group may have pods', () => {
      const topics = topicsByName(objects());
      const problems = [];
      for (const service of SERVICES) {
        const pods = scalerOf(objects(), deploymentOf(objects(), service)).max;
        for (const consumer of kafkaUsage(service).consumers.filter((c) => c.group)) {
          const partitions = topics.get(consumer.topic).spec.partitions;
          if (partitions < pods) {
            problems.push(`${consumer.topic}: ${partitions} partitions, group ${consumer.group} of ${service} may have ${pods} pods`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });

    test('replication: three replicas and min.insync.replicas 2 in production; never more replicas than brokers', () => {
      const brokers = ofKind(objects(), 'KafkaNodePool').filter((p) => p.spec.roles.includes('broker')).reduce((s, p) => s + p.spec.replicas, 0);
      for (const topic of ofKind(objects(), 'KafkaTopic')) {
        const minIsr = Number(topic.spec.config?.['min.insync.replicas']);
        assert.ok(topic.spec.replicas <= brokers, `${name(topic)}: ${topic.spec.replicas} replicas on ${brokers} brokers`);
        if (overlay === 'production') {
          assert.equal(topic.spec.replicas, 3, name(topic));
          assert.equal(minIsr, 2, name(topic));
        } else {
          assert.ok(minIsr <= topic.spec.replicas, name(topic));
        }
      }
    });

    test('the services\' KafkaUsers grant exactly what deploy/compose/kafka/init-users-and-acls.sh grants', () => {
      const expected = composeAcls();
      for (const service of SERVICES) {
        const user = named(objects(), 'KafkaUser', service);
        assert.ok(user, `KafkaUser ${service}`);
        assert.equal(user.spec.authorization.type, 'simple');
        const actual = userAcls(user);
        const wanted = new Set([...expected].filter((acl) => acl.startsWith(`${service}|`)));
        assert.deepEqual([...actual].filter((acl) => !wanted.has(acl)).sort(), [], `${service}: granted here, not in compose`);
        assert.deepEqual([...wanted].filter((acl) => !actual.has(acl)).sort(), [], `${service}: granted in compose, missing here`);
      }
    });

    test('any other KafkaUser (KEDA\'s) may only describe', () => {
      for (const user of ofKind(objects(), 'KafkaUser').filter((u) => !SERVICES.includes(u.metadata.name))) {
        for (const acl of userAcls(user)) {
          assert.equal(acl.split('|')[4], 'Describe', `${name(user)}: ${acl}`);
        }
      }
    });

    test('KEDA scales notifications-service on the lag of its own group on the topics it consumes', () => {
      const kafka = ofKind(objects(), 'Kafka')[0];
      const scaledObject = named(objects(), 'ScaledObject', 'notifications-service');
      assert.ok(scaledObject, 'ScaledObject notifications-service');
      const consumers = kafkaUsage('notifications-service').consumers.filter((c) => c.group);
      const triggers = scaledObject.spec.triggers.filter((t) => t.type === 'kafka');
      assert.deepEqual(triggers.map((t) => t.metadata.topic).sort(), consumers.map((c) => c.topic).sort());
      const listener = kafka.spec.kafka.listeners.find((l) => l.tls && l.authentication?.type === 'scram-sha-512');
      for (const trigger of triggers) {
        const consumer = consumers.find((c) => c.topic === trigger.metadata.topic);
        assert.equal(trigger.metadata.consumerGroup, consumer.group, trigger.name);
        assert.equal(trigger.metadata.bootstrapServers,
          `${kafka.metadata.name}-kafka-bootstrap.${kafka.metadata.namespace}.svc:${listener.port}`, `${trigger.name}: bootstrapServers`);
        assert.equal(trigger.metadata.sasl, 'scram_sha512', trigger.name);
        assert.equal(trigger.metadata.tls, 'enable', trigger.name);
        const auth = named(objects(), 'TriggerAuthentication', trigger.authenticationRef.name);
        assert.ok(auth, `${trigger.name}: TriggerAuthentication ${trigger.authenticationRef.name}`);
        const parameters = new Map([
          ...(auth.spec.secretTargetRef ?? []).map((ref) => [ref.parameter, { kind: 'Secret', ...ref }]),
          ...(auth.spec.configMapTargetRef ?? []).map((ref) => [ref.parameter, { kind: 'ConfigMap', ...ref }]),
        ]);
        const username = parameters.get('username');
        const configMap = named(objects(), 'ConfigMap', username.name);
        const user = named(objects(), 'KafkaUser', configMap?.data?.[username.key]);
        assert.ok(user, `${trigger.name}: the username names no KafkaUser`);
        assert.deepEqual(parameters.get('password'), { kind: 'Secret', parameter: 'password', name: user.metadata.name, key: 'password' });
        assert.deepEqual(parameters.get('ca'), { kind: 'Secret', parameter: 'ca', name: `${kafka.metadata.name}-cluster-ca-cert`, key: 'ca.crt' });
        const acls = userAcls(user);
        assert.ok(acls.has(`${user.metadata.name}|group|${consumer.group}|literal|Describe`), `${user.metadata.name} may describe ${consumer.group}`);
        assert.ok(acls.has(`${user.metadata.name}|topic|${consumer.topic}|literal|Describe`), `${user.metadata.name} may describe ${consumer.topic}`);
      }
      assert.equal(ofKind(objects(), 'HorizontalPodAutoscaler').filter((h) => h.spec.scaleTargetRef.name === 'notifications-service').length, 0,
        'KEDA owns notifications-service\'s HorizontalPodAutoscaler; a second one would fight it');
    });
  });
}
