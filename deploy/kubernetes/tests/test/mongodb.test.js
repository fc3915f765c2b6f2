// MongoDB through the MongoDB Community Operator: a replica set (3 members in production) with SCRAM, persistent
// volumes, an admin user and one user per service, each with readWrite on its own database only, every password
// from a Secret.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OVERLAYS, SKIP_WITHOUT_KUBECTL, ofKind, render } from '../lib/render.js';
import { SERVICES, property } from '../lib/repository.js';
import { matchSelector } from '../lib/network.js';

const DATABASES = Object.fromEntries(SERVICES
  .filter((service) => property(service, 'spring.mongodb.uri'))
  .map((service) => [service, new URL(property(service, 'spring.mongodb.uri')).pathname.slice(1)]));

for (const overlay of OVERLAYS) {
  describe(`overlays/${overlay}: MongoDB`, { skip: SKIP_WITHOUT_KUBECTL }, () => {
    const mongo = () => {
      const all = ofKind(render(overlay), 'MongoDBCommunity');
      assert.equal(all.length, 1);
      return all[0];
    };

    test('a replica set with SCRAM; three members in production', () => {
      assert.equal(mongo().spec.type, 'ReplicaSet');
      assert.deepEqual(mongo().spec.security.authentication.modes, ['SCRAM']);
      if (overlay === 'production') {
        assert.equal(mongo().spec.members, 3);
      }
      assert.ok(mongo().spec.members % 2 === 1, 'an odd number of members elects a primary');
    });

    test('one user per service, readWrite on its own database only, stored in it', () => {
      assert.deepEqual(Object.values(DATABASES).sort(), ['kyoso-members', 'kyoso-notifications', 'kyoso-posts']);
      for (const [service, database] of Object.entries(DATABASES)) {
        const user = mongo().spec.users.find((u) => u.name === service);
        assert.ok(user, `user ${service}`);
        assert.equal(user.db, database);
        assert.deepEqual(user.roles, [{ name: 'readWrite', db: database }]);
      }
    });

    test('an admin user for operators; no other user may touch the services\' databases', () => {
      const others = mongo().spec.users.filter((u) => !DATABASES[u.name]);
      assert.ok(others.some((u) => u.db === 'admin' && u.roles.some((r) => r.name === 'userAdminAnyDatabase')), 'an admin user');
      for (const user of others) {
        for (const role of user.roles) {
          assert.ok(!Object.values(DATABASES).includes(role.db), `${user.name} has ${role.name} on ${role.db}`);
          assert.ok(!/^(readWrite|dbOwner|root|readWriteAnyDatabase|dbAdminAnyDatabase)/.test(role.name), `${user.name}: ${role.name}`);
        }
      }
    });

    test('every password comes from a Secret; every user has its own Secrets', () => {
      const names = new Set();
      for (const user of mongo().spec.users) {
        assert.ok(user.passwordSecretRef?.name, `${user.name}: passwordSecretRef`);
        for (const secret of [user.passwordSecretRef.name, user.scramCredentialsSecretName, user.connectionStringSecretName]) {
          assert.ok(secret, `${user.name}: Secret names`);
          assert.ok(!names.has(secret), `${secret} used twice`);
          names.add(secret);
        }
      }
    });

    test('persistent volumes for data and logs, members spread over nodes, a PodDisruptionBudget', () => {
      const statefulSet = mongo().spec.statefulSet.spec;
      const claims = statefulSet.volumeClaimTemplates.map((claim) => claim.metadata.name);
      assert.deepEqual(claims.sort(), ['data-volume', 'logs-volume']);
      const podLabels = { app: `${mongo().metadata.name}-svc` };
      const spread = statefulSet.template.spec.topologySpreadConstraints.map((c) => c.topologyKey);
      assert.ok(spread.includes('kubernetes.io/hostname'));
      if (overlay === 'production') {
        assert.ok(spread.includes('topology.kubernetes.io/zone'));
      }
      assert.ok(ofKind(render(overlay), 'PodDisruptionBudget').some((pdb) => matchSelector(pdb.spec.selector, podLabels)));
      for (const container of statefulSet.template.spec.containers) {
        assert.ok(container.resources?.limits?.memory && container.resources?.requests?.memory, `${container.name}: memory`);
      }
    });
  });
}
