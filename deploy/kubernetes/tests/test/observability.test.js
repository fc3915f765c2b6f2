// Observability: a ServiceMonitor per service on /actuator/prometheus, the Grafana dashboard as a ConfigMap the
// sidecar loads, the PrometheusRule with the same groups as the compose Prometheus's alerts.yml.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OVERLAYS, SKIP_WITHOUT_KUBECTL, named, ofKind, render } from '../lib/render.js';
import { SERVICES, composeAlertGroups, property } from '../lib/repository.js';
import { matchSelector } from '../lib/network.js';

for (const overlay of OVERLAYS) {
  describe(`overlays/${overlay}: observability`, { skip: SKIP_WITHOUT_KUBECTL }, () => {
    const objects = () => render(overlay);

    test('every service is scraped on /actuator/prometheus through a port of its Service', () => {
      const monitors = ofKind(objects(), 'ServiceMonitor');
      for (const service of SERVICES) {
        const exposure = property(service, 'management.endpoints.web.exposure.include');
        assert.ok(String(exposure).split(',').map((s) => s.trim()).includes('prometheus'), `${service} exposes prometheus`);
        const kubernetesService = named(objects(), 'Service', service);
        const monitor = monitors.find((m) => matchSelector(m.spec.selector, kubernetesService.metadata.labels));
        assert.ok(monitor, `no ServiceMonitor selects Service ${service}`);
        const endpoint = monitor.spec.endpoints[0];
        assert.equal(endpoint.path, '/actuator/prometheus', service);
        assert.ok(kubernetesService.spec.ports.some((p) => p.name === endpoint.port), `${service}: port ${endpoint.port}`);
      }
    });

    test('the Grafana dashboard is a ConfigMap labelled for the sidecar, under a fixed name, with a dashboard in it', () => {
      const dashboards = ofKind(objects(), 'ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard === '1');
      assert.equal(dashboards.length, 1);
      const [configMap] = dashboards;
      assert.equal(configMap.metadata.name, 'kyoso-grafana-dashboard', 'no hash suffix: Grafana keeps one dashboard');
      const files = Object.entries(configMap.data ?? {});
      assert.equal(files.length, 1);
      const dashboard = JSON.parse(files[0][1]);
      assert.equal(typeof dashboard.title, 'string');
    });

    test('the PrometheusRule has the same groups as deploy/compose/prometheus/alerts.yml (when that file exists)', (t) => {
      const rules = ofKind(objects(), 'PrometheusRule');
      assert.equal(rules.length, 1);
      assert.ok(rules[0].spec.groups.length > 0);
      const compose = composeAlertGroups();
      if (!compose) {
        t.skip('deploy/compose/prometheus/alerts.yml does not exist');
        return;
      }
      assert.deepEqual(rules[0].spec.groups, compose);
    });
  });
}
