/* eslint-disable no-console */
/**
 * Outbound webhooks, on SQLite and PostgreSQL in one run; prints one JSON
 * report.
 *
 *   yarn bench:webhooks [--deliveries 2000] [--concurrency 16]
 *                       [--lag-rate 20] [--lag-seconds 6]
 *                       [--durability-events 1000] [--durability-kills 10]
 *                       [--durability-seconds 20]
 *                       [--postgres postgresql://postgres@127.0.0.1:5432]
 *
 * The receiver is a node:http server answering 204, in a process of its
 * own, noting the webhook-id and arrival time of every message.
 *
 * Throughput: `--deliveries` events published through the outbox, then sent
 * by the real dispatcher (store, signing, safe client allowed 127.0.0.0/8)
 * with `--concurrency`; compared with a loop in the same process sending as
 * many Standard Webhooks-signed POSTs with the same concurrency and the same
 * connection policy as the safe client (a fresh connection per request).
 * Both get an untimed warm-up first. Then the same dispatcher sends as many
 * deliveries again, claimed beforehand and handed out from memory with
 * nothing recorded (`sendingOnly`): what is left of the gap is sending, the
 * rest is the store.
 *
 * Lag: events published one per transaction at `--lag-rate` a second for
 * `--lag-seconds`, the dispatcher woken by the outbox's `onQueued` as the
 * plugin wires it; from the commit of each event to its arrival.
 *
 * Durability: `--durability-events` events published at a steady rate over
 * about `--durability-seconds` while a separate dispatcher process on the
 * same database is killed with SIGKILL `--durability-kills` times, each a
 * little after it is ready, and started again. A last process then runs
 * until nothing is pending, its clock set past the lease of the killed ones
 * (instead of waiting out the 90 s lease). Every accepted event must have
 * reached the receiver; repeats are counted (delivery is at least once).
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { Client } from 'undici';
import {
  BenchDatabaseLocation,
  openBenchDatabase,
  postgresUnreachable,
} from './benchDatabase';
import { createIntegrations, percentile, randomSource } from './benchFixtures';
import type { DispatcherProcessMessage } from './webhookDispatcherProcess';
import {
  BENCH_ALLOWED_CIDRS,
  benchEvent,
  benchVault,
  createBenchEndpoint,
  sharedClockMs,
} from './webhookFixtures';
import type { Arrival, ReceiverMessage } from './webhookReceiver';
import { createStores } from '../src/__testUtils__/createStores';
import { CredentialVault } from '../src/credentials/CredentialVault';
import { SafeHttpClient } from '../src/network';
import {
  ClaimedDelivery,
  LEASE_MS,
  WebhookDeliveryStore,
} from '../src/webhooks/WebhookDeliveryStore';
import { WebhookDispatcher } from '../src/webhooks/WebhookDispatcher';
import {
  messageBody,
  newMessageId,
  WebhookOutbox,
} from '../src/webhooks/WebhookOutbox';

const DEFAULT_POSTGRES = 'postgresql://postgres@127.0.0.1:5432';
const NODE_TRANSFORM = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);
const WARM_UP = 200;
const SEED_PER_TRANSACTION = 100;

const round = (value: number, digits = 1) =>
  Math.round(value * 10 ** digits) / 10 ** digits;

const logger: LoggerService = {
  debug: () => {},
  info: () => {},
  warn: message => console.error(message),
  error: message => console.error(message),
  child: () => logger,
};

function forkBenchScript(script: string, args: string[]): ChildProcess {
  return fork(join(__dirname, script), args, {
    execArgv: ['--require', NODE_TRANSFORM],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

/** The receiver process, and a way to take what it has noted so far. */
async function startReceiver() {
  const child = forkBenchScript('webhookReceiver.ts', []);
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', code =>
      reject(new Error(`the receiver exited with ${code}`)),
    );
    // Other messages come too: the TypeScript loader announces the files it loads.
    child.on('message', (message: ReceiverMessage) => {
      if (message.kind === 'listening') resolve(message.url);
    });
  });
  const collect = () =>
    new Promise<Arrival[]>(resolve => {
      const onMessage = (message: ReceiverMessage) => {
        if (message.kind === 'arrivals') {
          child.off('message', onMessage);
          resolve(message.arrivals);
        }
      };
      child.on('message', onMessage);
      child.send({ kind: 'collect' });
    });
  return { url, collect, stop: () => child.kill() };
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Publishes events through the outbox, each transaction holding `perTransaction`. */
async function publish(
  knex: Knex,
  outbox: WebhookOutbox,
  integration: string,
  seqs: number[],
  perTransaction: number,
) {
  for (let start = 0; start < seqs.length; start += perTransaction) {
    const events = seqs
      .slice(start, start + perTransaction)
      .map(seq => benchEvent(integration, seq));
    await knex.transaction(tx => outbox.publish(tx, events));
  }
}

const range = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => from + i);

/** Waits until the receiver has seen every seq, or the time is up; all arrivals. */
async function arrivalsOf(
  receiver: Receiver,
  seqs: Iterable<number>,
  timeoutMs: number,
): Promise<Arrival[]> {
  const missing = new Set(seqs);
  const arrivals: Arrival[] = [];
  const deadline = performance.now() + timeoutMs;
  while (missing.size > 0 && performance.now() < deadline) {
    await sleep(50);
    for (const arrival of await receiver.collect()) {
      arrivals.push(arrival);
      missing.delete(arrival[1]);
    }
  }
  return arrivals;
}

/** Wall time, CPU time and event-loop use of one piece of work. */
async function measured<T>(work: () => Promise<T>) {
  const cpu = process.cpuUsage();
  const loop = performance.eventLoopUtilization();
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  return {
    result,
    seconds,
    cpuMs: (user + system) / 1000,
    eventLoopUtilization: performance.eventLoopUtilization(loop).utilization,
  };
}

/** Average time of each call of an object's async method, recorded from now on. */
function timeCalls<T extends object>(target: T, method: keyof T) {
  const totals = { calls: 0, ms: 0 };
  const original = (
    target[method] as (...args: unknown[]) => Promise<unknown>
  ).bind(target);
  (target as Record<keyof T, unknown>)[method] = async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await original(...args);
    } finally {
      totals.calls += 1;
      totals.ms += performance.now() - started;
    }
  };
  return {
    reset: () => Object.assign(totals, { calls: 0, ms: 0 }),
    averageMs: () => round(totals.ms / Math.max(1, totals.calls), 2),
  };
}

/**
 * Sends `count` signed POSTs with `concurrency` at once, each over a
 * connection of its own (a fresh undici Client, destroyed after it), as the
 * safe client does; the count that got a 2xx.
 */
async function rawSignedPosts(options: {
  url: string;
  secret: string;
  integration: string;
  seqs: number[];
  concurrency: number;
}): Promise<number> {
  const webhook = new Webhook(options.secret);
  const target = new URL(options.url);
  const queue = [...options.seqs];
  let delivered = 0;
  const worker = async () => {
    for (let seq = queue.shift(); seq !== undefined; seq = queue.shift()) {
      const id = newMessageId();
      const at = new Date();
      const body = messageBody(benchEvent(options.integration, seq));
      const client = new Client(target.origin);
      try {
        const response = await client.request({
          path: target.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': id,
            'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
            'webhook-signature': webhook.sign(id, at, body),
          },
          body,
        });
        await response.body.dump();
        delivered += response.statusCode < 300 ? 1 : 0;
      } finally {
        await client.destroy();
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return delivered;
}

/**
 * Deliveries claimed beforehand, handed out from memory, their attempts
 * recorded nowhere: the dispatcher over this sends exactly as it does over
 * the store, which tells the cost of sending from the cost of the database.
 */
class ClaimedInMemory {
  constructor(private readonly claims: ClaimedDelivery[]) {}

  async claimDue(_owner: string, _now: Date, limit: number) {
    return this.claims.splice(0, limit);
  }

  async recordAttempts() {}

  async defer() {}

  static async from(store: WebhookDeliveryStore, count: number) {
    const claims: ClaimedDelivery[] = [];
    while (claims.length < count) {
      const batch = await store.claimDue(
        'bench',
        new Date(),
        Math.min(500, count - claims.length),
      );
      if (batch.length === 0) break;
      claims.push(...batch);
    }
    return new ClaimedInMemory(claims) as unknown as WebhookDeliveryStore;
  }
}

async function benchThroughput(options: {
  knex: Knex;
  vault: CredentialVault;
  receiver: Receiver;
  integration: string;
  deliveries: number;
  concurrency: number;
}) {
  const { knex, vault, receiver, integration, deliveries, concurrency } =
    options;
  const url = `${receiver.url}/throughput`;
  const endpoint = await createBenchEndpoint(knex, vault, { integration, url });
  const outbox = new WebhookOutbox();
  const store = new WebhookDeliveryStore(knex);
  const http = new SafeHttpClient({ allowedCidrs: BENCH_ALLOWED_CIDRS });
  const dispatcher = new WebhookDispatcher({
    deliveries: store,
    http,
    vault,
    logger,
    concurrency,
  });
  const calls = {
    claimDue: timeCalls(store, 'claimDue'),
    recordAttempts: timeCalls(store, 'recordAttempts'),
    httpRequest: timeCalls(http, 'request'),
  };
  const raw = (seqs: number[]) =>
    rawSignedPosts({
      url,
      secret: endpoint.secret,
      integration,
      seqs,
      concurrency,
    });

  await publish(
    knex,
    outbox,
    integration,
    range(0, WARM_UP),
    SEED_PER_TRANSACTION,
  );
  await dispatcher.dispatchDue();
  await raw(range(0, WARM_UP));
  await receiver.collect();
  Object.values(calls).forEach(call => call.reset());

  const seqs = range(WARM_UP, deliveries);
  await publish(knex, outbox, integration, seqs, SEED_PER_TRANSACTION);
  const sent = await measured(() => dispatcher.dispatchDue());
  const received = new Set(
    (await arrivalsOf(receiver, seqs, 10_000)).map(a => a[1]),
  );
  const direct = await measured(() => raw(seqs));
  await receiver.collect();

  const inMemorySeqs = range(WARM_UP + deliveries, deliveries);
  await publish(knex, outbox, integration, inMemorySeqs, SEED_PER_TRANSACTION);
  const sendingOnly = new WebhookDispatcher({
    deliveries: await ClaimedInMemory.from(store, deliveries),
    http,
    vault,
    logger,
    concurrency,
  });
  const sentFromMemory = await measured(() => sendingOnly.dispatchDue());
  // Sent, but recorded nowhere: settled here so no later dispatcher sends them again.
  await knex('webhook_deliveries')
    .where({ integration_name: integration, status: 'pending' })
    .update({ status: 'cancelled', leased_by: null, leased_until: null });
  await receiver.collect();
  await http.close();

  const perSecond = (seconds: number) => deliveries / seconds;
  return {
    dispatcher: {
      delivered: received.size,
      seconds: round(sent.seconds, 3),
      deliveriesPerSecond: round(perSecond(sent.seconds)),
      cpuMsPerDelivery: round(sent.cpuMs / deliveries, 3),
      eventLoopUtilization: round(sent.eventLoopUtilization, 3),
      averageCallMs: Object.fromEntries(
        Object.entries(calls).map(([name, call]) => [name, call.averageMs()]),
      ),
    },
    rawSignedPosts: {
      delivered: direct.result,
      seconds: round(direct.seconds, 3),
      deliveriesPerSecond: round(perSecond(direct.seconds)),
      cpuMsPerDelivery: round(direct.cpuMs / deliveries, 3),
      eventLoopUtilization: round(direct.eventLoopUtilization, 3),
    },
    ratio: round(direct.seconds / sent.seconds, 3),
    sendingOnly: {
      what: 'the same dispatcher over deliveries claimed beforehand, nothing recorded: signing, breaker and safe client without the store',
      attempted: sentFromMemory.result,
      deliveriesPerSecond: round(perSecond(sentFromMemory.seconds)),
      cpuMsPerDelivery: round(sentFromMemory.cpuMs / deliveries, 3),
      ratio: round(direct.seconds / sentFromMemory.seconds, 3),
    },
  };
}

async function benchLag(options: {
  knex: Knex;
  vault: CredentialVault;
  receiver: Receiver;
  integration: string;
  concurrency: number;
  ratePerSecond: number;
  seconds: number;
}) {
  const { knex, vault, receiver, integration, ratePerSecond } = options;
  await createBenchEndpoint(knex, vault, {
    integration,
    url: `${receiver.url}/lag`,
  });
  const http = new SafeHttpClient({ allowedCidrs: BENCH_ALLOWED_CIDRS });
  const outbox = new WebhookOutbox();
  const dispatcher = new WebhookDispatcher({
    deliveries: new WebhookDeliveryStore(knex),
    http,
    vault,
    logger,
    concurrency: options.concurrency,
  });
  outbox.onQueued(() => dispatcher.wake());

  const seqs = range(0, Math.round(ratePerSecond * options.seconds));
  const committedAt = new Map<number, number>();
  const started = performance.now();
  await Promise.all(
    seqs.map(async seq => {
      await sleep(started + (seq * 1000) / ratePerSecond - performance.now());
      await knex.transaction(tx =>
        outbox.publish(tx, [benchEvent(integration, seq)]),
      );
      committedAt.set(seq, sharedClockMs());
    }),
  );
  const arrivals = await arrivalsOf(receiver, seqs, 30_000);
  await dispatcher.dispatchDue();
  await http.close();

  const firstArrival = new Map<number, number>();
  for (const [, seq, at] of arrivals) {
    firstArrival.set(seq, Math.min(at, firstArrival.get(seq) ?? Infinity));
  }
  const lags = [...firstArrival]
    .map(([seq, at]) => at - committedAt.get(seq)!)
    .sort((a, b) => a - b);
  return {
    events: seqs.length,
    ratePerSecond,
    received: firstArrival.size,
    p50Ms: round(percentile(lags, 0.5)),
    p95Ms: round(percentile(lags, 0.95)),
    p99Ms: round(percentile(lags, 0.99)),
    maxMs: round(lags[lags.length - 1]),
  };
}

/** A dispatcher process on the bench database, and when it is ready and gone. */
function startDispatcherProcess(
  location: BenchDatabaseLocation,
  options: { concurrency: number; drain?: boolean; clockAheadMs?: number },
  failures: string[],
) {
  const child = forkBenchScript('webhookDispatcherProcess.ts', [
    ...('sqlite' in location
      ? ['--sqlite', location.sqlite]
      : ['--postgres', location.postgres]),
    '--concurrency',
    String(options.concurrency),
    '--clock-ahead-ms',
    String(options.clockAheadMs ?? 0),
    ...(options.drain ? ['--drain'] : []),
  ]);
  const exited = new Promise<number | null>(resolve =>
    child.once('exit', code => resolve(code)),
  );
  const ready = new Promise<string>((resolve, reject) => {
    child.on('message', (message: DispatcherProcessMessage) => {
      if (message.kind === 'ready') resolve(message.owner);
      if (message.kind === 'failed') failures.push(message.error);
    });
    exited.then(code =>
      reject(new Error(`the dispatcher exited with ${code}`)),
    );
  });
  ready.catch(() => undefined);
  return { child, ready, exited };
}

async function benchDurability(options: {
  knex: Knex;
  location: BenchDatabaseLocation;
  vault: CredentialVault;
  receiver: Receiver;
  integration: string;
  concurrency: number;
  events: number;
  kills: number;
  seconds: number;
}) {
  const { knex, location, receiver, integration, concurrency } = options;
  await createBenchEndpoint(knex, options.vault, {
    integration,
    url: `${receiver.url}/durability`,
  });
  const outbox = new WebhookOutbox();
  const random = randomSource(7);
  const failures: string[] = [];
  const accepted = new Set<number>();
  let publishRetries = 0;
  let dispatcher = startDispatcherProcess(location, { concurrency }, failures);
  const startupMs: number[] = [];
  const heldAtKill: number[] = [];
  const slotMs = (options.seconds * 1000) / options.kills;
  const started = performance.now();

  const publisher = Promise.all(
    range(0, options.events).map(async seq => {
      await sleep(
        started +
          (seq * options.seconds * 1000) / options.events -
          performance.now(),
      );
      // Accepted means committed: a publish that failed (SQLite busy) is tried again.
      for (;;) {
        try {
          await knex.transaction(tx =>
            outbox.publish(tx, [benchEvent(integration, seq)]),
          );
          accepted.add(seq);
          return;
        } catch {
          publishRetries += 1;
          await sleep(5);
        }
      }
    }),
  );
  const killer = (async () => {
    for (let kill = 0; kill < options.kills; kill += 1) {
      const launched = performance.now();
      const owner = await dispatcher.ready;
      startupMs.push(performance.now() - launched);
      // Somewhere in this kill's slot, and never before the process has had
      // a moment to claim and send.
      const at = Math.max(
        started + (kill + random()) * slotMs,
        performance.now() + 100 + random() * 300,
      );
      await sleep(at - performance.now());
      const [{ leased }] = await knex('webhook_deliveries')
        .where({ status: 'pending', leased_by: owner })
        .count({ leased: '*' });
      heldAtKill.push(Number(leased));
      dispatcher.child.kill('SIGKILL');
      await dispatcher.exited;
      if (kill < options.kills - 1) {
        dispatcher = startDispatcherProcess(
          location,
          { concurrency },
          failures,
        );
      }
    }
  })();
  await Promise.all([publisher, killer]);
  const publishedSeconds = (performance.now() - started) / 1000;

  const drainStarted = performance.now();
  const last = startDispatcherProcess(
    location,
    { concurrency, drain: true, clockAheadMs: LEASE_MS + 1000 },
    failures,
  );
  const drained = await Promise.race([
    last.exited.then(code => code === 0),
    sleep(90_000, false, { ref: false }),
  ]);
  last.child.kill('SIGKILL');
  const drainSeconds = (performance.now() - drainStarted) / 1000;

  const arrivals = await arrivalsOf(receiver, accepted, 2_000);
  const idsOfSeq = new Map<number, Set<string>>();
  for (const [id, seq] of arrivals) {
    idsOfSeq.set(seq, (idsOfSeq.get(seq) ?? new Set()).add(id));
  }
  const distinctIds = new Set(arrivals.map(([id]) => id)).size;
  return {
    accepted: accepted.size,
    kills: heldAtKill.length,
    deliveriesHeldByEachKilledProcess: heldAtKill,
    dispatcherStartupMsMedian: round(
      percentile(
        [...startupMs].sort((a, b) => a - b),
        0.5,
      ),
    ),
    publishAndKillSeconds: round(publishedSeconds),
    finalDrainSeconds: round(drainSeconds),
    drained,
    received: arrivals.length,
    lost: [...accepted].filter(seq => !idsOfSeq.has(seq)).length,
    duplicates: arrivals.length - distinctIds,
    eventsWithMoreThanOneId: [...idsOfSeq.values()].filter(ids => ids.size > 1)
      .length,
    publishRetries,
    dispatcherErrors: failures.length,
    ...(failures.length
      ? { firstDispatcherError: failures[0].slice(0, 300) }
      : {}),
  };
}

async function benchDatabase(options: {
  postgres?: string;
  receiver: Receiver;
  deliveries: number;
  concurrency: number;
  lagRate: number;
  lagSeconds: number;
  durabilityEvents: number;
  durabilityKills: number;
  durabilitySeconds: number;
}) {
  const { receiver, concurrency } = options;
  const database = await openBenchDatabase(options.postgres, {
    prefix: 'bench-webhooks',
    poolMax: 20,
  });
  const { knex, location } = database;
  const stores = await createStores(knex);
  const [forThroughput, forLag, forDurability] = await createIntegrations(
    stores,
    3,
    'bench-webhooks',
  );
  const vault = benchVault();
  const common = { knex, vault, receiver, concurrency };
  const throughput = await benchThroughput({
    ...common,
    integration: forThroughput,
    deliveries: options.deliveries,
  });
  const lag = await benchLag({
    ...common,
    integration: forLag,
    ratePerSecond: options.lagRate,
    seconds: options.lagSeconds,
  });
  const durability = await benchDurability({
    ...common,
    location,
    integration: forDurability,
    events: options.durabilityEvents,
    kills: options.durabilityKills,
    seconds: options.durabilitySeconds,
  });
  await database.close();
  return {
    database: options.postgres ? 'postgres' : 'sqlite',
    throughput,
    lag,
    durability,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      deliveries: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '16' },
      'lag-rate': { type: 'string', default: '20' },
      'lag-seconds': { type: 'string', default: '6' },
      'durability-events': { type: 'string', default: '1000' },
      'durability-kills': { type: 'string', default: '10' },
      'durability-seconds': { type: 'string', default: '20' },
      postgres: { type: 'string', default: DEFAULT_POSTGRES },
    },
  });
  const settings = {
    deliveries: Number(values.deliveries),
    concurrency: Number(values.concurrency),
    lagRate: Number(values['lag-rate']),
    lagSeconds: Number(values['lag-seconds']),
    durabilityEvents: Number(values['durability-events']),
    durabilityKills: Number(values['durability-kills']),
    durabilitySeconds: Number(values['durability-seconds']),
  };
  const receiver = await startReceiver();
  const common = { ...settings, receiver };
  const started = performance.now();
  const results: unknown[] = [await benchDatabase(common)];
  const unreachable = await postgresUnreachable(values.postgres!);
  results.push(
    unreachable
      ? { database: 'postgres', skipped: unreachable }
      : await benchDatabase({ ...common, postgres: values.postgres }),
  );
  receiver.stop();
  console.log(
    JSON.stringify(
      {
        deliveries: settings.deliveries,
        concurrency: settings.concurrency,
        connectionPolicy:
          'one connection per request on both sides: the safe client opens a fresh undici Client per request, and so does the raw loop',
        ratioGoal: 0.5,
        durabilityEvents: settings.durabilityEvents,
        durabilityKills: settings.durabilityKills,
        totalSeconds: round((performance.now() - started) / 1000),
        results,
      },
      null,
      2,
    ),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
