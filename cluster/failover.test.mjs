// What survives a failure in a cluster of three replicas on one PostgreSQL: a replica killed
// with SIGKILL loses no accepted write and no webhook, and a PostgreSQL restart is ridden out by
// every replica without a restart of its own.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { POSTGRES_URL } from './cluster.mjs';
import {
  missingUsageEvents,
  reportUsageUntilStopped,
  sleep,
  startReceiver,
  useCluster,
  waitFor,
} from './clusterClient.mjs';

/** The local PostgreSQL this machine runs, restartable by Debian's tools, if it is that. */
function localPostgresCluster() {
  const local = ['127.0.0.1', 'localhost'].includes(POSTGRES_URL.hostname);
  if (!local || !existsSync('/etc/postgresql')) return undefined;
  const version = readdirSync('/etc/postgresql').sort().pop();
  return version ? { version, name: 'main' } : undefined;
}

describe(
  'failures in a cluster of three replicas',
  { timeout: 1_500_000 },
  () => {
    const context = useCluster({ port: 7400 });
    const api = (...args) => context.client.api(...args);

    it('delivers every webhook when a replica is killed mid-delivery, duplicates counted', async t => {
      const receiver = await startReceiver();
      const endpoint = await context.client.createEndpoint(
        'replica killed',
        receiver.url,
      );
      const publishing = context.client.publish(300, 'killed');
      await waitFor(
        () => receiver.distinct() >= 30,
        60_000,
        'deliveries did not start',
      );
      const victim = context.cluster.replicas[1];
      await victim.kill();
      const accepted = await publishing;
      await victim.start();
      await waitFor(
        () => receiver.distinct() >= accepted,
        180_000,
        `only ${receiver.distinct()} of ${accepted} deliveries arrived`,
      );
      const duplicates = receiver.received.length - receiver.distinct();
      t.diagnostic(
        `${accepted} events accepted, ${receiver.distinct()} delivered, ${duplicates} sent twice (at least once)`,
      );
      await api(`/webhooks/${endpoint.id}`, { as: 'admin', method: 'DELETE' });
      await receiver.close();
    });

    it('loses no accepted write when a replica is killed under load', async t => {
      const acceptedChanges = [];
      let refusedChanges = 0;
      let stopped = false;

      const currentVersion = async () => {
        const res = await api('/configs/stripe?environment=development', {
          as: 'admin',
        });
        const [config] = await res.json();
        return config.metadata.version;
      };
      const changeConfigs = async () => {
        let n = 0;
        while (!stopped) {
          const description = `Load test change ${++n}`;
          const res = await currentVersion()
            .then(version =>
              api('/configs/stripe?environment=development', {
                as: 'admin',
                method: 'PUT',
                body: { description, version },
              }),
            )
            .catch(() => undefined);
          if (res?.status === 200) {
            acceptedChanges.push(description);
          } else {
            refusedChanges++;
          }
        }
      };

      const usage = reportUsageUntilStopped(api);
      const changes = changeConfigs();
      await sleep(5_000);
      const victim = context.cluster.replicas[2];
      await victim.kill();
      await sleep(5_000);
      stopped = true;
      await Promise.all([usage.stop(), changes]);
      await victim.start();

      const descriptions = await context.integrationsDb(async db => {
        const { rows } = await db.query(
          `SELECT snapshot FROM config_versions
         WHERE integration_name = 'stripe' AND environment = 'development'`,
        );
        return new Set(rows.map(r => JSON.parse(r.snapshot).description));
      });
      assert.ok(usage.accepted.length > 0 && acceptedChanges.length > 0);
      assert.deepEqual(
        await missingUsageEvents(context.integrationsDb, usage.accepted),
        [],
        'accepted usage events were lost',
      );
      assert.deepEqual(
        acceptedChanges.filter(d => !descriptions.has(d)),
        [],
        'accepted configuration changes were lost',
      );
      t.diagnostic(
        `${usage.accepted.length} usage events and ${
          acceptedChanges.length
        } configuration changes accepted and all kept; ${
          usage.failures.length + refusedChanges
        } requests refused while the replica died`,
      );
    });

    it('rides out a PostgreSQL restart: clean refusals meanwhile, nothing accepted lost, the scheduler carries on', async t => {
      const postgres = localPostgresCluster();
      if (!postgres) {
        t.skip(
          'PostgreSQL is not a local Debian cluster this test may restart',
        );
        return;
      }
      const usage = reportUsageUntilStopped(api);
      await sleep(3_000);
      const restartedAt = new Date();
      execFileSync('pg_ctlcluster', [
        '--skip-systemctl-redirect',
        postgres.version,
        postgres.name,
        'restart',
        '--',
        '-m',
        'fast',
      ]);
      await sleep(10_000);
      await usage.stop();

      for (const replica of context.cluster.replicas) {
        assert.equal(
          replica.child.exitCode,
          null,
          `${replica.name} exited when PostgreSQL restarted`,
        );
      }
      assert.deepEqual(
        await missingUsageEvents(context.integrationsDb, usage.accepted),
        [],
        'usage events accepted around the restart were lost',
      );
      // Refused requests are 5xx answers that say what happened, never a
      // dropped connection or a page of HTML.
      for (const failure of usage.failures) {
        assert.ok(
          failure.status >= 500 && failure.status < 600,
          `refused with ${failure.status}: ${failure.body}`,
        );
        const { error } = JSON.parse(failure.body);
        assert.ok(error?.message, `no message in ${failure.body}`);
      }
      // Every replica answers again, and scheduled checks run after the restart.
      for (const replica of context.cluster.replicas) {
        await waitFor(
          async () =>
            (
              await api('/configs?environment=production', { via: replica.url })
            ).status === 200,
          30_000,
          `${replica.name} did not answer after the restart`,
        );
      }
      await waitFor(
        () =>
          context.integrationsDb(async db => {
            const { rows } = await db.query(
              `SELECT count(*)::int AS n FROM test_runs
             WHERE trigger = 'scheduled' AND started_at > $1`,
              [restartedAt],
            );
            return rows[0].n > 0;
          }),
        120_000,
        'no scheduled check ran after the restart',
      );
      t.diagnostic(
        `${usage.accepted.length} usage events accepted and kept; ${usage.failures.length} refused cleanly while PostgreSQL restarted`,
      );
    });
  },
);
