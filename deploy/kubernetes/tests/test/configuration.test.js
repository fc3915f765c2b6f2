// What the services are told: every variable their application.yml needs without a default, the Kafka and MongoDB
// credentials from the operators' Secrets, the key-encryption key from a Secret file, the gateway's one URL per
// service, and no secret value anywhere in the manifests.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { KUBERNETES_DIR, OVERLAYS, SKIP_WITHOUT_KUBECTL, describe as name, named, ofKind, render } from '../lib/render.js';
import { SERVICES, environmentPlaceholders, property } from '../lib/repository.js';
import { deploymentOf, environmentOf, kyosoDeployments, mainContainer, plainValue } from '../lib/kyoso.js';

const MONGODB_SERVICES = SERVICES.filter((service) => property(service, 'spring.mongodb.uri'));
const KEK_SERVICES = ['members-service', 'notifications-service'];

/** The file a variable names must be mounted from a Secret: returns the Secret's name. */
function secretBehindFile(deployment, container, file) {
  const mount = (container.volumeMounts ?? []).find((m) => file.startsWith(`${m.mountPath}/`));
  assert.ok(mount, `${name(deployment)}: nothing mounted at ${file}`);
  const volume = deployment.spec.template.spec.volumes.find((v) => v.name === mount.name);
  assert.ok(volume?.secret, `${name(deployment)}: ${file} is not on a Secret volume`);
  const key = file.slice(mount.mountPath.length + 1);
  const items = volume.secret.items;
  assert.ok(!items || items.some((item) => item.path === key), `${name(deployment)}: the Secret volume has no ${key}`);
  return volume.secret.secretName;
}

/** Every Secret name the rendered objects refer to, with where. */
function referencedSecrets(objects) {
  const references = [];
  const add = (secret, where) => references.push({ secret, where });
  for (const workload of ofKind(objects, 'Deployment')) {
    const pod = workload.spec.template.spec;
    for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
      for (const entry of container.env ?? []) {
        if (entry.valueFrom?.secretKeyRef) add(entry.valueFrom.secretKeyRef.name, `${name(workload)} env ${entry.name}`);
      }
      for (const source of container.envFrom ?? []) {
        if (source.secretRef) add(source.secretRef.name, `${name(workload)} envFrom`);
      }
    }
    for (const volume of pod.volumes ?? []) {
      if (volume.secret) add(volume.secret.secretName, `${name(workload)} volume ${volume.name}`);
      for (const source of volume.projected?.sources ?? []) {
        if (source.secret) add(source.secret.name, `${name(workload)} volume ${volume.name}`);
      }
    }
  }
  for (const auth of ofKind(objects, 'TriggerAuthentication')) {
    for (const ref of auth.spec.secretTargetRef ?? []) add(ref.name, `${name(auth)} ${ref.parameter}`);
  }
  for (const mongo of ofKind(objects, 'MongoDBCommunity')) {
    for (const user of mongo.spec.users) add(user.passwordSecretRef.name, `${name(mongo)} user ${user.name}`);
  }
  for (const ingress of ofKind(objects, 'Ingress')) {
    for (const tls of ingress.spec.tls ?? []) add(tls.secretName, `${name(ingress)} tls`);
  }
  return references;
}

/** The Secrets the operators write: Strimzi (each KafkaUser, the cluster CA) and MongoDB (connection strings). */
function operatorSecrets(objects) {
  const made = new Set();
  for (const user of ofKind(objects, 'KafkaUser')) made.add(user.metadata.name);
  for (const kafka of ofKind(objects, 'Kafka')) made.add(`${kafka.metadata.name}-cluster-ca-cert`);
  for (const mongo of ofKind(objects, 'MongoDBCommunity')) {
    for (const user of mongo.spec.users) {
      if (user.connectionStringSecretName) made.add(user.connectionStringSecretName);
    }
  }
  return made;
}

for (const overlay of OVERLAYS) {
  describe(`overlays/${overlay}: configuration`, { skip: SKIP_WITHOUT_KUBECTL }, () => {
    const objects = () => render(overlay);
    const environment = (service) => environmentOf(objects(), mainContainer(deploymentOf(objects(), service)));

    test('every ${VAR} without a default in a service\'s application.yml is set in its Deployment', () => {
      for (const service of SERVICES) {
        const env = environment(service);
        const missing = environmentPlaceholders(service)
          .filter((placeholder) => !placeholder.hasDefault && !env.has(placeholder.name))
          .map((placeholder) => placeholder.name);
        assert.deepEqual(missing, [], `${service}: unset variables without a default`);
      }
    });

    test('no Secret with data is rendered: Secrets are made by the operators or by hand, never from here', () => {
      for (const secret of ofKind(objects(), 'Secret')) {
        assert.ok(!secret.data && !secret.stringData, `${name(secret)} carries values`);
      }
    });

    test('variables that name a password, a key or credentials never carry a plain value', () => {
      for (const deployment of ofKind(objects(), 'Deployment')) {
        for (const container of deployment.spec.template.spec.containers) {
          for (const [variable, entry] of environmentOf(objects(), container)) {
            if (/PASSWORD|SECRET|JAAS|CREDENTIAL|TOKEN$|^KYOSO_KEK(_PREVIOUS)?$|MONGODB_URI/.test(variable)) {
              assert.equal(entry.value, undefined, `${name(deployment)}: ${variable} has a plain value (${entry.source})`);
            }
          }
        }
      }
    });

    test('every Secret referenced is either written by an operator or documented in README.md with its kubectl command', () => {
      const readme = fs.readFileSync(path.join(KUBERNETES_DIR, 'README.md'), 'utf8');
      const made = operatorSecrets(objects());
      for (const { secret, where } of referencedSecrets(objects())) {
        if (made.has(secret)) continue;
        assert.match(readme, new RegExp(`kubectl[^\\n]*create secret (generic|tls) ${secret}\\b`), `Secret ${secret} (${where}) is not in README.md`);
      }
    });

    test('Kafka: the TLS listener with SCRAM-SHA-512, the cluster CA as trust store, each service as its own KafkaUser', () => {
      const kafka = ofKind(objects(), 'Kafka')[0];
      for (const service of SERVICES) {
        const deployment = deploymentOf(objects(), service);
        const container = mainContainer(deployment);
        const env = environment(service);
        const [host, port] = plainValue(env, 'SPRING_KAFKA_BOOTSTRAP_SERVERS').split(':');
        assert.equal(host, `${kafka.metadata.name}-kafka-bootstrap`, `${service}: bootstrap host`);
        const listener = kafka.spec.kafka.listeners.find((l) => l.port === Number(port));
        assert.ok(listener, `${service}: no listener on ${port}`);
        assert.equal(listener.tls, true, `${service}: listener ${listener.name} without TLS`);
        assert.equal(listener.authentication?.type, 'scram-sha-512');
        assert.equal(plainValue(env, 'SPRING_KAFKA_SECURITY_PROTOCOL'), 'SASL_SSL', service);
        assert.equal(plainValue(env, 'SPRING_KAFKA_PROPERTIES_SASL_MECHANISM'), 'SCRAM-SHA-512', service);
        if (property(service, 'spring.cloud.stream.kafka.binder')) {
          assert.equal(plainValue(env, 'SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS'), plainValue(env, 'SPRING_KAFKA_BOOTSTRAP_SERVERS'), `${service}: binder brokers`);
        }
        assert.equal(plainValue(env, 'SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_TYPE'), 'PEM', service);
        const truststore = plainValue(env, 'SPRING_KAFKA_PROPERTIES_SSL_TRUSTSTORE_LOCATION');
        assert.equal(secretBehindFile(deployment, container, truststore), `${kafka.metadata.name}-cluster-ca-cert`, `${service}: trust store`);
        const jaas = env.get('SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG')?.secretKeyRef;
        assert.deepEqual({ name: jaas?.name, key: jaas?.key }, { name: service, key: 'sasl.jaas.config' }, `${service}: its own KafkaUser's Secret`);
        const user = named(objects(), 'KafkaUser', service);
        assert.equal(user?.spec.authentication.type, 'scram-sha-512', `${service}: KafkaUser`);
        assert.equal(user.metadata.labels['strimzi.io/cluster'], kafka.metadata.name);
      }
    });

    test('MongoDB: each service connects as its own user, readWrite on its own database only', () => {
      const mongo = ofKind(objects(), 'MongoDBCommunity')[0];
      for (const service of MONGODB_SERVICES) {
        const database = new URL(property(service, 'spring.mongodb.uri')).pathname.slice(1);
        const reference = environment(service).get('SPRING_MONGODB_URI')?.secretKeyRef;
        assert.ok(reference, `${service}: SPRING_MONGODB_URI from a Secret`);
        const user = mongo.spec.users.find((u) => u.connectionStringSecretName === reference.name);
        assert.ok(user, `${service}: ${reference.name} is no user's connection string`);
        assert.equal(reference.key, 'connectionString.standard');
        assert.equal(user.name, service, `${service}: connects as ${user.name}`);
        assert.equal(user.db, database, `${service}: the user lives in ${user.db}, the service uses ${database} (the URI's path is both)`);
        assert.deepEqual(user.roles, [{ name: 'readWrite', db: database }], `${service}: roles`);
      }
      assert.ok(!environment('gateway').has('SPRING_MONGODB_URI'), 'the gateway has no database');
    });

    test('the key-encryption key of members- and notifications-service is a file from a Secret of its own', () => {
      const secrets = new Set();
      for (const service of KEK_SERVICES) {
        const deployment = deploymentOf(objects(), service);
        const env = environment(service);
        assert.ok(!(env.has('KYOSO_KEK') && env.has('KYOSO_KEK_FILE')), `${service}: KYOSO_KEK and KYOSO_KEK_FILE both set`);
        assert.ok(!env.has('KYOSO_SECRETS_ALLOW_INSECURE_DEFAULT_KEK'), `${service}: the insecure development KEK`);
        const file = plainValue(env, 'KYOSO_KEK_FILE');
        assert.ok(file, `${service}: KYOSO_KEK_FILE`);
        secrets.add(secretBehindFile(deployment, mainContainer(deployment), file));
      }
      assert.equal(secrets.size, KEK_SERVICES.length, 'each service seals with its own KEK');
    });

    test('the gateway reaches each service through one URL: its Kubernetes Service', () => {
      const env = environment('gateway');
      for (const [variable, service] of [['KYOSO_MEMBERS_URIS', 'members-service'], ['KYOSO_POSTS_URIS', 'posts-service'], ['KYOSO_NOTIFICATIONS_URIS', 'notifications-service']]) {
        const value = plainValue(env, variable);
        assert.ok(value && !value.includes(','), `${variable}: one URL, is ${value}`);
        const url = new URL(value);
        const kubernetesService = named(objects(), 'Service', url.hostname);
        assert.equal(url.hostname, service, variable);
        assert.ok(kubernetesService, `${variable}: no Service ${url.hostname}`);
        assert.ok(kubernetesService.spec.ports.some((p) => p.port === Number(url.port)), `${variable}: Service ${service} has no port ${url.port}`);
      }
    });

    test('the services find members-service\'s JWKS through its Service', () => {
      for (const service of SERVICES.filter((s) => s !== 'members-service')) {
        const url = new URL(plainValue(environment(service), 'KYOSO_JWKS_URI'));
        assert.equal(url.hostname, 'members-service', service);
        assert.equal(url.pathname, '/.well-known/jwks.json', service);
        assert.ok(named(objects(), 'Service', 'members-service').spec.ports.some((p) => p.port === Number(url.port)), service);
      }
    });

    test('no static Kafka group membership: pod names change with every rollout', () => {
      for (const service of SERVICES) {
        assert.ok(!environment(service).has('KYOSO_KAFKA_INSTANCE_ID'), service);
      }
    });

    test('logs are JSON; production sends traces to the collector, sampled', () => {
      for (const service of SERVICES) {
        const env = environment(service);
        assert.equal(plainValue(env, 'KYOSO_LOG_FORMAT'), 'json', service);
        if (overlay === 'production') {
          assert.match(plainValue(env, 'KYOSO_TRACING_OTLP_ENDPOINT') ?? '', /^https?:\/\/[^/]+\/v1\/traces$/, service);
          const sampling = Number(plainValue(env, 'KYOSO_TRACING_SAMPLING'));
          assert.ok(sampling > 0 && sampling <= 1, `${service}: KYOSO_TRACING_SAMPLING ${sampling}`);
        }
      }
    });

    test('the site\'s addresses are https in production', () => {
      if (overlay !== 'production') return;
      assert.match(plainValue(environment('notifications-service'), 'KYOSO_WEB_BASE_URL'), /^https:\/\//);
      for (const origin of plainValue(environment('gateway'), 'KYOSO_CORS_ALLOWED_ORIGINS').split(',')) {
        assert.match(origin, /^https:\/\//);
      }
      const ingress = ofKind(objects(), 'Ingress')[0];
      const host = ingress.spec.rules[0].host;
      assert.equal(new URL(plainValue(environment('notifications-service'), 'KYOSO_WEB_BASE_URL')).hostname, host, 'links in mails point at the Ingress host');
      assert.ok(ingress.spec.tls.some((tls) => tls.hosts.includes(host)), 'TLS for the host');
    });

    test('every Deployment\'s ConfigMaps exist (generated names resolved)', () => {
      for (const deployment of kyosoDeployments(objects())) {
        assert.doesNotThrow(() => environmentOf(objects(), mainContainer(deployment)), name(deployment));
      }
    });
  });
}
