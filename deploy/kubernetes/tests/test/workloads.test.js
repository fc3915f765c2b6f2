// The policies every workload follows: probes, resources, a locked-down security context, disruption budgets,
// spreading, a shutdown that outlasts the services' own graceful stop, the images.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OVERLAYS, SKIP_WITHOUT_KUBECTL, describe as name, named, ofKind, render } from '../lib/render.js';
import { SERVICES, property, durationMillis } from '../lib/repository.js';
import { bytes, cpuCores, deploymentOf, environmentOf, kyosoDeployments, mainContainer, plainValue } from '../lib/kyoso.js';
import { matchSelector } from '../lib/network.js';

/** Resident memory measured per process (README "Gateway cost" / LocalPlatform: at most 316 MB after load). */
const MEASURED_RESIDENT_BYTES = 316 * 1e6;

function containersOf(deployment) {
  return [...(deployment.spec.template.spec.initContainers ?? []), ...deployment.spec.template.spec.containers];
}

for (const overlay of OVERLAYS) {
  describe(`overlays/${overlay}: workloads`, { skip: SKIP_WITHOUT_KUBECTL }, () => {
    const objects = () => render(overlay);
    const deployments = () => ofKind(objects(), 'Deployment');

    test('the four services are there, each a Deployment with its Service and ServiceAccount', () => {
      assert.deepEqual(kyosoDeployments(objects()).map((d) => d.metadata.name).sort(), [...SERVICES].sort());
      for (const service of SERVICES) {
        assert.ok(named(objects(), 'Service', service), `Service ${service}`);
        assert.ok(named(objects(), 'ServiceAccount', service), `ServiceAccount ${service}`);
        assert.equal(deploymentOf(objects(), service).spec.template.spec.serviceAccountName, service);
      }
    });

    test('no StatefulSet is made by hand (Kafka and MongoDB belong to their operators)', () => {
      assert.deepEqual(ofKind(objects(), 'StatefulSet').map(name), []);
    });

    test('every container has readiness and liveness probes', () => {
      for (const deployment of deployments()) {
        for (const container of deployment.spec.template.spec.containers) {
          assert.ok(container.readinessProbe, `${name(deployment)}/${container.name}: no readinessProbe`);
          assert.ok(container.livenessProbe, `${name(deployment)}/${container.name}: no livenessProbe`);
        }
      }
    });

    test('every container requests and limits cpu and memory; memory is not overcommitted past the limit', () => {
      for (const deployment of deployments()) {
        for (const container of containersOf(deployment)) {
          const where = `${name(deployment)}/${container.name}`;
          const { requests = {}, limits = {} } = container.resources ?? {};
          for (const resource of ['cpu', 'memory']) {
            assert.ok(requests[resource] !== undefined, `${where}: no ${resource} request`);
            assert.ok(limits[resource] !== undefined, `${where}: no ${resource} limit`);
          }
          assert.ok(cpuCores(requests.cpu) <= cpuCores(limits.cpu), `${where}: cpu request over its limit`);
          assert.ok(bytes(requests.memory) <= bytes(limits.memory), `${where}: memory request over its limit`);
        }
      }
    });

    test('every container runs as non-root with a read-only root file system, no privilege escalation, no capabilities, RuntimeDefault seccomp', () => {
      for (const deployment of deployments()) {
        const pod = deployment.spec.template.spec;
        for (const container of containersOf(deployment)) {
          const where = `${name(deployment)}/${container.name}`;
          const context = container.securityContext ?? {};
          assert.equal(context.runAsNonRoot ?? pod.securityContext?.runAsNonRoot, true, `${where}: runAsNonRoot`);
          const user = context.runAsUser ?? pod.securityContext?.runAsUser;
          assert.ok(Number.isInteger(user) && user > 0, `${where}: runAsUser must be a non-zero uid, is ${user}`);
          assert.equal(context.readOnlyRootFilesystem, true, `${where}: readOnlyRootFilesystem`);
          assert.equal(context.allowPrivilegeEscalation, false, `${where}: allowPrivilegeEscalation`);
          assert.ok(context.capabilities?.drop?.includes('ALL'), `${where}: capabilities.drop ALL`);
          assert.deepEqual(context.capabilities?.add ?? [], [], `${where}: adds capabilities`);
          assert.equal(context.privileged ?? false, false, `${where}: privileged`);
          assert.equal((context.seccompProfile ?? pod.securityContext?.seccompProfile)?.type, 'RuntimeDefault', `${where}: seccomp`);
        }
        assert.equal(pod.hostNetwork ?? false, false);
        assert.equal(pod.hostPID ?? false, false);
        assert.ok(!(pod.volumes ?? []).some((volume) => volume.hostPath), `${name(deployment)}: hostPath volume`);
      }
    });

    test('the services write only to volumes: /tmp is an emptyDir', () => {
      for (const deployment of kyosoDeployments(objects())) {
        const container = mainContainer(deployment);
        const tmp = (container.volumeMounts ?? []).find((mount) => mount.mountPath === '/tmp');
        assert.ok(tmp, `${name(deployment)}: nothing mounted at /tmp (the JVM and Tomcat write there)`);
        const volume = deployment.spec.template.spec.volumes.find((v) => v.name === tmp.name);
        assert.ok(volume?.emptyDir, `${name(deployment)}: /tmp is not an emptyDir`);
      }
    });

    test('no service account token in the services\' pods', () => {
      for (const deployment of kyosoDeployments(objects())) {
        const account = named(objects(), 'ServiceAccount', deployment.spec.template.spec.serviceAccountName);
        assert.equal(account.automountServiceAccountToken, false, `ServiceAccount ${account.metadata.name}`);
        assert.notEqual(deployment.spec.template.spec.automountServiceAccountToken, true, name(deployment));
      }
      for (const account of ofKind(objects(), 'ServiceAccount')) {
        assert.equal(account.automountServiceAccountToken, false, name(account));
      }
    });

    test('every Deployment has a PodDisruptionBudget that selects its pods and lets one go at a time', () => {
      const budgets = ofKind(objects(), 'PodDisruptionBudget');
      for (const deployment of deployments()) {
        const labels = deployment.spec.template.metadata.labels;
        const matching = budgets.filter((pdb) => matchSelector(pdb.spec.selector, labels));
        assert.equal(matching.length, 1, `${name(deployment)}: ${matching.length} PodDisruptionBudgets`);
        const pdb = matching[0];
        assert.ok(pdb.spec.maxUnavailable !== undefined || pdb.spec.minAvailable !== undefined, name(pdb));
        assert.notEqual(pdb.spec.maxUnavailable, 0, `${name(pdb)} blocks every drain`);
      }
    });

    test('every Deployment spreads its pods over nodes (and zones in production)', () => {
      for (const deployment of deployments()) {
        const constraints = deployment.spec.template.spec.topologySpreadConstraints ?? [];
        const keys = constraints.map((c) => c.topologyKey);
        assert.ok(keys.includes('kubernetes.io/hostname'), `${name(deployment)}: no spread over kubernetes.io/hostname`);
        if (overlay === 'production') {
          assert.ok(keys.includes('topology.kubernetes.io/zone'), `${name(deployment)}: no spread over zones`);
        }
        for (const constraint of constraints) {
          assert.ok(matchSelector(constraint.labelSelector, deployment.spec.template.metadata.labels),
            `${name(deployment)}: a spread constraint (${constraint.topologyKey}) does not select its own pods`);
        }
      }
    });

    test('rollouts keep every ready pod until its replacement is ready', () => {
      for (const deployment of kyosoDeployments(objects())) {
        assert.equal(deployment.spec.strategy?.rollingUpdate?.maxUnavailable, 0, name(deployment));
      }
    });

    test('the termination grace period outlasts preStop, the graceful shutdown and the outbox relay\'s final pass', () => {
      for (const service of SERVICES) {
        const deployment = deploymentOf(objects(), service);
        const pod = deployment.spec.template.spec;
        const container = mainContainer(deployment);
        const command = container.lifecycle?.preStop?.exec?.command ?? [];
        const sleep = container.lifecycle?.preStop?.sleep?.seconds
          ?? (command[0] === 'sleep' ? Number(command[1]) : undefined);
        assert.ok(sleep >= 5, `${service}: a preStop sleep of 5 s or more lets the endpoints drain first`);
        assert.equal(property(service, 'server.shutdown'), 'graceful', `${service}: server.shutdown`);
        const phase = durationMillis(property(service, 'spring.lifecycle.timeout-per-shutdown-phase') ?? '30s') / 1000;
        // platform-support OutboxRelay.stop(): the executor's awaitTermination(10 s), then the final pass (5 s)
        const outbox = property(service, 'kyoso.outbox') ? 10 + 5 : 0;
        const needed = sleep + phase + outbox;
        assert.ok(pod.terminationGracePeriodSeconds > needed,
          `${service}: terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} <= preStop ${sleep} + graceful ${phase} + outbox ${outbox}`);
      }
    });

    test('probes ask the actuator\'s health groups on the service\'s own port or its management port', () => {
      for (const service of SERVICES) {
        const deployment = deploymentOf(objects(), service);
        const container = mainContainer(deployment);
        const environment = environmentOf(objects(), container);
        const port = Number(plainValue(environment, 'SERVER_PORT'));
        assert.equal(port, property(service, 'server.port'), `${service}: SERVER_PORT and application.yml's server.port`);
        assert.equal(property(service, 'management.endpoint.health.probes.enabled'), true, `${service}: health probes`);
        const http = container.ports.find((p) => p.name === 'http');
        assert.equal(http?.containerPort, port, `${service}: containerPort http`);
        // where MANAGEMENT_SERVER_PORT is set the actuator answers there only, so the probes must follow it
        const managementPort = plainValue(environment, 'MANAGEMENT_SERVER_PORT');
        const probePorts = managementPort === undefined ? [port, 'http'] : [Number(managementPort), 'management'];
        if (managementPort !== undefined) {
          const management = container.ports.find((p) => p.name === 'management');
          assert.equal(management?.containerPort, Number(managementPort), `${service}: containerPort management`);
        }
        for (const [probe, path] of [['readinessProbe', '/actuator/health/readiness'], ['livenessProbe', '/actuator/health/liveness'], ['startupProbe', '/actuator/health/liveness']]) {
          assert.equal(container[probe]?.httpGet?.path, path, `${service}: ${probe}`);
          assert.ok(probePorts.includes(container[probe].httpGet.port), `${service}: ${probe} port ${container[probe].httpGet.port}`);
        }
        const kubernetesService = named(objects(), 'Service', service);
        assert.equal(kubernetesService.spec.ports[0].port, port, `Service ${service}: port`);
        assert.ok(['http', port].includes(kubernetesService.spec.ports[0].targetPort), `Service ${service}: targetPort`);
        assert.ok(matchSelector({ matchLabels: kubernetesService.spec.selector }, deployment.spec.template.metadata.labels),
          `Service ${service} selects its pods`);
      }
    });

    test('posts-service is ready only when its search index has caught up (searchIndex in the readiness group)', () => {
      const group = property('posts-service', 'management.endpoint.health.group.readiness.include');
      const members = Array.isArray(group) ? group : String(group).split(',').map((s) => s.trim());
      assert.ok(members.includes('searchIndex'), `posts-service readiness group: ${members}`);
    });

    test('posts-service keeps its search index on a volume of its own per pod', () => {
      const deployment = deploymentOf(objects(), 'posts-service');
      const container = mainContainer(deployment);
      const directory = plainValue(environmentOf(objects(), container), 'KYOSO_SEARCH_INDEX_DIR');
      assert.ok(directory, 'KYOSO_SEARCH_INDEX_DIR is set');
      const mount = container.volumeMounts.find((m) => m.mountPath === directory);
      assert.ok(mount && !mount.readOnly, `a writable volume at ${directory}`);
      const volume = deployment.spec.template.spec.volumes.find((v) => v.name === mount.name);
      assert.ok(volume.emptyDir || volume.ephemeral, `the index volume is per pod (emptyDir or ephemeral): ${JSON.stringify(volume)}`);
      if (overlay === 'production') {
        assert.ok(volume.ephemeral?.volumeClaimTemplate, 'production: a generic ephemeral volume');
        assert.equal(Object.keys(volume).filter((k) => k !== 'name').length, 1, 'one volume source only');
      }
    });

    test('memory: the measured footprint fits the request, the heap leaves headroom under the limit', () => {
      for (const service of SERVICES) {
        const container = mainContainer(deploymentOf(objects(), service));
        const options = plainValue(environmentOf(objects(), container), 'JAVA_TOOL_OPTIONS') ?? '';
        const heap = /-Xmx(\d+)([mg])/.exec(options);
        assert.ok(heap, `${service}: JAVA_TOOL_OPTIONS sets -Xmx (${options})`);
        assert.match(options, /-XX:\+ExitOnOutOfMemoryError/, `${service}: exits on OutOfMemoryError`);
        const heapBytes = Number(heap[1]) * (heap[2] === 'g' ? 2 ** 30 : 2 ** 20);
        const limit = bytes(container.resources.limits.memory);
        const request = bytes(container.resources.requests.memory);
        assert.ok(request >= MEASURED_RESIDENT_BYTES, `${service}: request ${container.resources.requests.memory} under the measured ${MEASURED_RESIDENT_BYTES / 1e6} MB`);
        assert.ok(limit >= 1.4 * MEASURED_RESIDENT_BYTES, `${service}: limit ${container.resources.limits.memory} leaves under 40 % over the measured footprint`);
        assert.ok(limit >= heapBytes * 2.5, `${service}: heap ${heap[0]} too close to the limit ${container.resources.limits.memory}`);
      }
    });

    test('the service images are Kyoso\'s, at a fixed version', () => {
      for (const service of SERVICES) {
        const image = mainContainer(deploymentOf(objects(), service)).image;
        assert.match(image, new RegExp(`^ghcr\\.io/kyoso/${service}(:\\d+\\.\\d+\\.\\d+|@sha256:[0-9a-f]{64})$`), `${service}: ${image}`);
      }
    });
  });
}
