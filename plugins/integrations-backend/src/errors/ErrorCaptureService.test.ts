import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { UsageEvent } from '@internal/plugin-integrations-common';
import { createStores } from '../__testUtils__/createStores';
import { ErrorCaptureService } from './ErrorCaptureService';
import { DatabaseErrorEventStore } from './ErrorEventStore';
import { DatabaseErrorGroupStore } from './ErrorGroupStore';
import { ErrorService, VisibleConfiguration } from './ErrorService';
import { ErrorTriageService } from './ErrorTriageService';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const visible: VisibleConfiguration[] = [
  {
    name: 'stripe',
    environment: 'production',
    provider: 'stripe',
    sensitive: true,
  },
];

let clock = new Date('2026-12-07T10:00:00Z');

function failedCharge(
  id: string,
  overrides: Partial<UsageEvent> = {},
): UsageEvent {
  return {
    id,
    integration: 'stripe',
    environment: 'production',
    endpoint: '/v1/charges',
    method: 'POST',
    status: 402,
    durationMs: 120,
    requestBytes: 100,
    responseBytes: 300,
    errorType: 'bad_response',
    errorCode: 'card_declined',
    errorMessage: `Your card was declined. (charge ch_3N${id}abcdefgh)`,
    occurredAt: clock.toISOString(),
    ...overrides,
  };
}

async function setUp(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const stores = await createStores(knex);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  const events = await DatabaseErrorEventStore.create({ database });
  const groups = await DatabaseErrorGroupStore.create({ database });
  const logger = mockServices.logger.mock();
  const now = () => clock;
  const capture = new ErrorCaptureService({
    events,
    groups,
    configs: stores.configs,
    logger,
    now,
  });
  const errors = new ErrorService({ events, groups, now });
  const triage = new ErrorTriageService({ groups, logger, now });
  const patterns = async () =>
    (await errors.listPatterns(visible, { includeSnoozed: 'true' })).items;
  return { capture, errors, triage, groups, patterns, logger, knex };
}

describe('ErrorCaptureService', () => {
  beforeEach(() => {
    clock = new Date('2026-12-07T10:00:00Z');
  });

  it.each(databases.eachSupportedId())(
    'groups failures that differ only in ids and numbers, apart from another provider code (%p)',
    async databaseId => {
      const { capture, patterns, errors } = await setUp(databaseId);

      await capture.captureUsage([
        failedCharge('1'),
        failedCharge('2'),
        failedCharge('3', {
          errorCode: 'expired_card',
          errorMessage: 'Your card has expired.',
        }),
        // A call that worked is usage, not an error.
        failedCharge('4', { status: 200, errorType: undefined }),
      ]);

      const [expired, declined] = (await patterns()).sort(
        (a, b) => a.occurrences - b.occurrences,
      );
      expect(declined).toMatchObject({
        integration: 'stripe',
        occurrences: 2,
        status: 'open',
        matchingCriteria: {
          errorType: 'bad_response',
          httpStatus: 402,
          providerCode: 'card_declined',
          endpoint: '/v1/charges',
        },
        // The catalog's entry for this code, with its documentation.
        documentationUrl: 'https://docs.stripe.com/declines',
      });
      expect(declined.suggestedActions.immediate[0]).toMatch(
        /another payment method/,
      );
      expect(declined.trend[23]).toBe(2);
      expect(expired.occurrences).toBe(1);
      const { items } = await errors.listErrors(visible, {
        pattern: declined.patternId,
      });
      expect(items.map(e => e.id).sort()).toEqual([
        'usage:stripe:production:1',
        'usage:stripe:production:2',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts a batch sent twice once (%p)',
    async databaseId => {
      const { capture, patterns } = await setUp(databaseId);
      const batch = [failedCharge('a'), failedCharge('b')];

      await capture.captureUsage(batch);
      await capture.captureUsage(batch);

      expect((await patterns()).map(p => p.occurrences)).toEqual([2]);
    },
  );

  it.each(databases.eachSupportedId())(
    'reopens a resolved group as a regression when it happens again (%p)',
    async databaseId => {
      const { capture, patterns, triage, groups, errors } = await setUp(
        databaseId,
      );
      await capture.captureUsage([failedCharge('1')]);
      const [pattern] = await patterns();
      await triage.resolve(
        (await groups.get(pattern.patternId))!,
        {
          resolution: 'workaround_applied',
          text: 'Asked the customer for another card',
          preventionMeasures: ['3-D Secure on every charge'],
        },
        'user:default/alice',
      );
      expect((await patterns())[0]).toMatchObject({
        status: 'resolved',
        resolution: {
          status: 'workaround_applied',
          resolvedBy: 'user:default/alice',
          preventionMeasures: ['3-D Secure on every charge'],
        },
      });

      clock = new Date('2026-12-07T11:00:00Z');
      await capture.captureUsage([failedCharge('2')]);

      const detail = await errors.getPattern(pattern.patternId, visible);
      expect(detail).toMatchObject({
        status: 'open',
        regressed: true,
        resolution: { status: 'unresolved' },
        occurrences: 2,
      });
      expect(detail!.history.map(h => h.action)).toEqual([
        'regressed',
        'resolved',
        'created',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps a snoozed group quiet until its count, rate or time is reached (%p)',
    async databaseId => {
      const { capture, patterns, triage, groups, errors } = await setUp(
        databaseId,
      );
      await capture.captureUsage([failedCharge('1')]);
      const [{ patternId }] = await patterns();
      const group = async () => (await groups.get(patternId))!;

      await triage.snooze(
        await group(),
        { untilOccurrences: 3 },
        'user:default/alice',
      );
      await capture.captureUsage([failedCharge('2'), failedCharge('3')]);
      expect((await group()).snooze).toBeDefined();
      expect((await errors.listPatterns(visible, {})).items).toHaveLength(0);
      await capture.captureUsage([failedCharge('4')]);
      expect((await group()).snooze).toBeUndefined();

      await triage.snooze(
        await group(),
        { untilRatePerHour: 2 },
        'user:default/alice',
      );
      await capture.captureUsage([failedCharge('5'), failedCharge('6')]);
      // Six in the last hour is more than two.
      expect((await group()).snooze).toBeUndefined();

      await triage.snooze(
        await group(),
        { until: '2026-12-07T12:00:00Z' },
        'user:default/alice',
      );
      await capture.captureUsage([failedCharge('7')]);
      expect((await group()).snooze?.until).toBe('2026-12-07T12:00:00.000Z');
      clock = new Date('2026-12-07T12:30:00Z');
      await capture.captureUsage([failedCharge('8')]);
      expect((await group()).snooze).toBeUndefined();
      expect(
        (await errors.getPattern(patternId, visible))!.history.filter(
          h => h.action === 'woke',
        ),
      ).toHaveLength(3);
    },
  );

  it.each(databases.eachSupportedId())(
    'sends later events of a merged group to the one it joined, and gives them back on unmerge (%p)',
    async databaseId => {
      const { capture, patterns, triage, groups, errors } = await setUp(
        databaseId,
      );
      await capture.captureUsage([
        failedCharge('1'),
        failedCharge('2', {
          errorCode: 'expired_card',
          errorMessage: 'Your card has expired.',
        }),
      ]);
      const all = await patterns();
      const declined = all.find(
        p => p.matchingCriteria.providerCode === 'card_declined',
      )!;
      const expired = all.find(
        p => p.matchingCriteria.providerCode === 'expired_card',
      )!;

      await triage.merge(
        (await groups.get(declined.patternId))!,
        [expired.patternId],
        'user:default/alice',
      );
      await capture.captureUsage([
        failedCharge('3', {
          errorCode: 'expired_card',
          errorMessage: 'Your card has expired.',
        }),
      ]);

      expect(await patterns()).toEqual([
        expect.objectContaining({
          patternId: declined.patternId,
          occurrences: 3,
          mergedPatterns: [
            { patternId: expired.patternId, name: expired.name },
          ],
        }),
      ]);
      // The merged group's id still leads to where its events are.
      expect(
        (await errors.getPattern(expired.patternId, visible))!.patternId,
      ).toBe(declined.patternId);

      await triage.unmerge(
        (await groups.get(declined.patternId))!,
        expired.patternId,
        'user:default/alice',
      );

      const apart = await patterns();
      expect(
        apart.map(p => [p.matchingCriteria.providerCode, p.occurrences]).sort(),
      ).toEqual([
        ['card_declined', 1],
        ['expired_card', 2],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'makes one group when two backends see the first failure of a kind at once (%p)',
    async databaseId => {
      const { capture, patterns } = await setUp(databaseId);

      await Promise.all([
        capture.captureUsage([failedCharge('x')]),
        capture.captureUsage([failedCharge('y')]),
      ]);

      expect((await patterns()).map(p => p.occurrences)).toEqual([2]);
    },
  );

  it.each(databases.eachSupportedId())(
    'captures a failed check with the provider code and request id the test read (%p)',
    async databaseId => {
      const { capture, patterns, errors } = await setUp(databaseId);

      await capture.captureRuns([
        {
          config: {} as any,
          run: {
            id: 'run-1',
            integration: 'stripe',
            environment: 'production',
            suite: 'health',
            status: 'failed',
            trigger: 'scheduled',
            triggeredBy: 'task:integrations-health-check',
            startedAt: clock.toISOString(),
            durationMs: 80,
            steps: [
              {
                id: 'auth_check',
                category: 'authentication',
                name: 'Authenticated request',
                status: 'failed',
                durationMs: 80,
                message: 'Refused',
                target: 'GET /v1/balance',
                failure: {
                  class: 'auth_invalid',
                  explanation: 'Stripe refused the secret key',
                  repairSteps: [],
                },
              },
            ],
            connectivity: {},
            failure: {
              class: 'auth_invalid',
              explanation: 'Stripe refused the secret key',
              repairSteps: [],
              providerMessage: 'Invalid API Key provided: sk_test_***1234',
              providerCode: 'api_key_invalid',
              requestId: 'req_abc123',
              httpStatus: 401,
            },
          },
        },
      ]);

      const [pattern] = await patterns();
      expect(pattern).toMatchObject({
        name: 'Credentials refused (api_key_invalid) on GET /v1/balance',
        // auth_invalid is high on its own; production makes it critical.
        severity: 'critical',
      });
      const [error] = (await errors.listErrors(visible, {})).items;
      expect(error).toMatchObject({
        id: 'run:run-1',
        errorType: 'auth_invalid',
        context: { source: 'health_check', requestId: 'req_abc123' },
        errorDetails: { httpStatus: 401, providerCode: 'api_key_invalid' },
      });
    },
  );
});
