import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { UsageEvent, getProvider } from '@internal/plugin-integrations-common';
import { createStores } from '../__testUtils__/createStores';
import { DemoDataSeeder } from '../demo/DemoDataSeeder';
import {
  AutomatedFixService,
  AutomatedFixes,
  automatedFixFor,
} from './AutomatedFixService';
import { ErrorCaptureService } from './ErrorCaptureService';
import { DatabaseErrorEventStore } from './ErrorEventStore';
import { DatabaseErrorGroupStore } from './ErrorGroupStore';
import { ErrorTriageService } from './ErrorTriageService';
import { CredentialVault } from '../credentials/CredentialVault';
import { KeyRing } from '../credentials/KeyRing';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

let clock = new Date('2026-12-07T10:00:00Z');

function rateLimited(id: string): UsageEvent {
  return {
    id,
    integration: 'stripe',
    environment: 'production',
    endpoint: '/v1/charges',
    method: 'POST',
    status: 429,
    durationMs: 50,
    requestBytes: 10,
    responseBytes: 10,
    errorType: 'rate_limited',
    occurredAt: clock.toISOString(),
  };
}

async function setUp() {
  const knex = await databases.init('SQLITE_3');
  const stores = await createStores(knex);
  const vault = new CredentialVault(
    KeyRing.fromKeys(
      [{ id: 'k', secret: 'automated-fix-test-key-0123456789abcdef' }],
      'k',
    ),
  );
  await new DemoDataSeeder({
    configs: stores.configs,
    credentials: stores.credentials,
    vault,
    logger: mockServices.logger.mock(),
  }).seedIfEmpty();
  const database = mockServices.database({ knex, migrations: { skip: false } });
  const groups = await DatabaseErrorGroupStore.create({ database });
  const ran: string[] = [];
  const fixes = Object.fromEntries(
    (
      [
        'refresh_token',
        'rerun_test',
        'pause_checks',
        'raise_rate_limit_buffer',
      ] as const
    ).map(kind => [
      kind,
      async (config: { name: string }, actor: string) => {
        ran.push(`${kind} ${config.name} by ${actor}`);
        return 'done';
      },
    ]),
  ) as unknown as AutomatedFixes;
  const logger = mockServices.logger.mock();
  const now = () => clock;
  const automatedFixes = new AutomatedFixService({
    groups,
    configs: stores.configs,
    fixes: () => fixes,
    logger,
    now,
  });
  const capture = new ErrorCaptureService({
    events: await DatabaseErrorEventStore.create({ database }),
    groups,
    configs: stores.configs,
    automatedFixes,
    logger,
    now,
  });
  const triage = new ErrorTriageService({
    groups,
    automatedFixes,
    logger,
    now,
  });
  await capture.captureUsage([rateLimited('first')]);
  const [group] = (
    await groups.list({
      configurations: [['stripe', 'production']],
      limit: 10,
      offset: 0,
    })
  ).items;
  return { capture, triage, groups, group, ran };
}

describe('AutomatedFixService', () => {
  beforeEach(() => {
    clock = new Date('2026-12-07T10:00:00Z');
  });

  it('picks the fix of the error: the catalog entry, else the class, and refreshes only OAuth tokens', () => {
    expect(
      automatedFixFor(getProvider('stripe'), 'rate_limited', undefined),
    ).toBe('raise_rate_limit_buffer');
    expect(
      automatedFixFor(getProvider('linkedin'), 'auth_expired', undefined),
    ).toBe('refresh_token');
    // Stripe keys do not expire into a refresh: the test shows whether it recovered.
    expect(
      automatedFixFor(getProvider('stripe'), 'auth_expired', undefined),
    ).toBe('rerun_test');
    expect(
      automatedFixFor(getProvider('stripe'), 'bad_response', 'card_declined'),
    ).toBeUndefined();
    expect(
      automatedFixFor(getProvider('stripe'), 'no_answer', undefined),
    ).toBeUndefined();
  });

  it('runs only once turned on, with new events, at most every 15 minutes, and says so in the history', async () => {
    const { capture, triage, groups, group, ran } = await setUp();

    await capture.captureUsage([rateLimited('before')]);
    expect(ran).toEqual([]);

    await triage.setAutomatedFix(group, true, 'user:default/ada.admin');
    await capture.captureUsage([rateLimited('a')]);
    clock = new Date('2026-12-07T10:05:00Z');
    await capture.captureUsage([rateLimited('b')]);
    expect(ran).toEqual([
      'raise_rate_limit_buffer stripe by task:integrations-automated-fix',
    ]);

    clock = new Date('2026-12-07T10:16:00Z');
    await capture.captureUsage([rateLimited('c')]);
    expect(ran).toHaveLength(2);

    const history = await groups.history(group.id);
    expect(history.filter(h => h.action === 'automated_fix')).toEqual([
      expect.objectContaining({
        actor: 'task:integrations-automated-fix',
        details: 'Raise the rate-limit buffer by 10 points: done',
      }),
      expect.objectContaining({
        actor: 'task:integrations-automated-fix',
      }),
      expect.objectContaining({
        actor: 'user:default/ada.admin',
        details: 'Turned the automated fix on: it runs with new events',
      }),
    ]);
  });

  it('runs now when a person asks, as that person, even while off', async () => {
    const { triage, group, ran } = await setUp();

    const after = await triage.runAutomatedFix(group, 'user:default/ada.admin');

    expect(ran).toEqual([
      'raise_rate_limit_buffer stripe by user:default/ada.admin',
    ]);
    expect(after.automatedFix.lastRunAt).toBe('2026-12-07T10:00:00.000Z');
  });
});
