import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { applyDatabaseMigrations } from '../database/migrations';
import { DatabaseErrorEventStore } from '../errors/ErrorEventStore';
import { DatabaseErrorGroupStore } from '../errors/ErrorGroupStore';
import { ErrorTriageService } from '../errors/ErrorTriageService';
import { fingerprintOf } from '../errors/fingerprint';
import {
  CandidateGroup,
  DatabaseIncidentStore,
  NewIncident,
} from './IncidentStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MINUTE = 60_000;
const START = Date.parse('2026-12-07T10:00:00Z');
const at = (minutes: number) => new Date(START + minutes * MINUTE);

const providerFailing: NewIncident = {
  environment: 'production',
  causeKey: 'provider:stripe',
  cause: {
    kind: 'provider',
    description: 'provider Stripe failing',
    provider: 'stripe',
  },
  timeline: [],
};

async function setUp(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const database = mockServices.database({ knex, migrations: { skip: false } });
  await applyDatabaseMigrations(database);
  const events = await DatabaseErrorEventStore.create({ database });
  const groups = await DatabaseErrorGroupStore.create({ database });
  return {
    store: await DatabaseIncidentStore.create({ database }),
    groups,
    triage: new ErrorTriageService({
      groups,
      logger: mockServices.logger.mock(),
      now: () => at(30),
    }),
    /** A group of one failure on the integration at the minute. */
    async group(integration: string, minute: number): Promise<string> {
      const occurrence = {
        id: `${integration}-${minute}`,
        integration,
        environment: 'production' as const,
        source: 'usage' as const,
        errorType: 'server_error',
        message: `${integration} is down`,
        occurredAt: at(minute).toISOString(),
      };
      const outcome = await events.record(
        {
          fingerprint: fingerprintOf(occurrence),
          occurrences: [occurrence],
          newGroup: {
            title: `${integration} is down`,
            severity: 'high',
            severityReason: 'test',
          },
        },
        at(minute),
      );
      return outcome!.group.id;
    },
  };
}

describe.each(databases.eachSupportedId())(
  'IncidentStore on %p',
  databaseId => {
    it('opens one incident when the same cause is found twice at once', async () => {
      const t = await setUp(databaseId);
      await t.group('stripe', 1);
      await t.group('stripe-eu', 2);
      const candidates = await t.store.candidateGroups(at(0));

      const outcomes = await Promise.all([
        t.store.open(providerFailing, candidates, at(3)),
        t.store.open(providerFailing, candidates, at(3)),
      ]);

      expect(outcomes.map(o => o.created).sort()).toEqual([false, true]);
      expect(outcomes[0].incident.id).toBe(outcomes[1].incident.id);
      expect(await t.store.listOpen()).toEqual([
        expect.objectContaining({
          startedAt: at(1).toISOString(),
          members: [
            expect.objectContaining({ integration: 'stripe' }),
            expect.objectContaining({ integration: 'stripe-eu' }),
          ],
        }),
      ]);
      expect(await t.store.candidateGroups(at(0))).toEqual([]);
    });

    it('takes a group in again when it regresses after its incident resolved', async () => {
      const t = await setUp(databaseId);
      const id = await t.group('stripe', 1);
      const [candidate] = await t.store.candidateGroups(at(0));
      const { incident } = await t.store.open(
        providerFailing,
        [candidate],
        at(2),
      );
      const [group] = await t.groups.getMany([id]);
      await t.triage.resolve(
        group,
        { resolution: 'resolved', text: 'Recovered', preventionMeasures: [] },
        'user:default/ada',
      );
      expect(await t.store.resolveSettled(at(31))).toEqual([
        expect.objectContaining({ id: incident.id, status: 'resolved' }),
      ]);

      await t.group('stripe', 40);

      const again = await t.store.candidateGroups(at(35));
      expect(again).toEqual([
        expect.objectContaining({
          id,
          regressed: true,
          startedAt: at(40).toISOString(),
        }),
      ]);
      // The cause may open a new incident now that the last one is resolved.
      const reopened = await t.store.open(providerFailing, again, at(41));
      expect(reopened.created).toBe(true);
      expect(await t.store.incidentOf(id)).toBe(reopened.incident.id);
    });

    it('lists only incidents all of whose integrations are visible', async () => {
      const t = await setUp(databaseId);
      await t.group('stripe', 1);
      await t.group('stripe-eu', 1);
      const candidates: CandidateGroup[] = await t.store.candidateGroups(at(0));
      await t.store.open(providerFailing, candidates, at(2));

      const all = await t.store.list({
        configurations: [
          ['stripe', 'production'],
          ['stripe-eu', 'production'],
        ],
        limit: 10,
        offset: 0,
      });
      const partly = await t.store.list({
        configurations: [
          ['stripe', 'production'],
          ['stripe-eu', 'staging'],
        ],
        limit: 10,
        offset: 0,
      });

      expect(all.totalCount).toBe(1);
      expect(partly).toEqual({ items: [], totalCount: 0 });
    });
  },
);
