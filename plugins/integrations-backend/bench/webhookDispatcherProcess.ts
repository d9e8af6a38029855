/* eslint-disable no-console */
/**
 * A backend's webhook dispatcher alone, as a process the webhook bench can
 * kill: the delivery store and the dispatcher on the bench's database,
 * sending through the safe client, round after round.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs webhookDispatcherProcess.ts
 *     (--sqlite <file> | --postgres <url>) [--concurrency 16]
 *     [--clock-ahead-ms 0] [--drain]
 *
 * `--drain` exits once no delivery is pending. `--clock-ahead-ms` runs the
 * dispatcher's clock ahead of the machine's, as a backend started after the
 * leases of the ones killed before it have expired.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { connectBenchDatabase } from './benchDatabase';
import { BENCH_ALLOWED_CIDRS, benchVault } from './webhookFixtures';
import { SafeHttpClient } from '../src/network';
import { WebhookDeliveryStore } from '../src/webhooks/WebhookDeliveryStore';
import { WebhookDispatcher } from '../src/webhooks/WebhookDispatcher';

export type DispatcherProcessMessage =
  | { kind: 'ready'; owner: string }
  | { kind: 'failed'; error: string };

/** How long an idle dispatcher waits before looking again (its scheduled run). */
const IDLE_MS = 25;

async function main() {
  const { values } = parseArgs({
    options: {
      sqlite: { type: 'string' },
      postgres: { type: 'string' },
      concurrency: { type: 'string', default: '16' },
      'clock-ahead-ms': { type: 'string', default: '0' },
      drain: { type: 'boolean', default: false },
    },
  });
  const knex = connectBenchDatabase(
    values.sqlite ? { sqlite: values.sqlite } : { postgres: values.postgres! },
    { poolMax: 20 },
  );
  const aheadMs = Number(values['clock-ahead-ms']);
  const send = (message: DispatcherProcessMessage) => process.send?.(message);
  const logger: LoggerService = {
    debug: () => {},
    info: () => {},
    warn: message => console.error(message),
    error: message => send({ kind: 'failed', error: message }),
    child: () => logger,
  };
  const deliveries = new WebhookDeliveryStore(knex);
  const dispatcher = new WebhookDispatcher({
    deliveries,
    http: new SafeHttpClient({ allowedCidrs: BENCH_ALLOWED_CIDRS }),
    vault: benchVault(),
    logger,
    concurrency: Number(values.concurrency),
    now: () => new Date(Date.now() + aheadMs),
  });
  send({ kind: 'ready', owner: dispatcher.owner });
  for (;;) {
    let attempted = 0;
    try {
      attempted = await dispatcher.dispatchDue();
    } catch (error) {
      send({ kind: 'failed', error: String(error) });
    }
    if (values.drain) {
      const [{ pending }] = await knex('webhook_deliveries')
        .where('status', 'pending')
        .count({ pending: '*' });
      if (Number(pending) === 0) {
        await knex.destroy();
        process.exit(0);
      }
    }
    if (attempted === 0) {
      await sleep(IDLE_MS);
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
