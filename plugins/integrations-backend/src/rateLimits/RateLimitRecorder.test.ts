import { UsageEvent } from '@internal/plugin-integrations-common';
import { RateLimitRecorder } from './RateLimitRecorder';
import {
  RateLimitHit,
  RateLimitStore,
  StoredRateLimitReading,
} from './RateLimitStore';

/** An in-memory store, enough to see what the recorder writes. */
function memoryStore() {
  const readings = new Map<string, StoredRateLimitReading>();
  const hits = new Map<string, RateLimitHit>();
  const store: RateLimitStore = {
    saveReadings: async saved => {
      const previous = saved.flatMap(reading => {
        const old = readings.get(reading.figure.key);
        readings.set(reading.figure.key, reading);
        return old ? [old] : [];
      });
      return previous;
    },
    addHits: async added => {
      added.forEach(hit => hits.set(hit.id, hit));
      return added.length;
    },
    listReadings: async () => [...readings.values()],
    listHits: async () => [...hits.values()],
    deleteHitsOlderThan: async () => 0,
  };
  return { store, readings, hits };
}

const at = new Date('2026-11-28T12:00:00Z');

describe('RateLimitRecorder', () => {
  it('counts a window reaching zero as one hit, not every reading while it stays spent', async () => {
    const { store, hits } = memoryStore();
    const recorder = new RateLimitRecorder({ store, now: () => at });
    const spent = {
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(at.getTime() / 1000 + 300),
        'x-ratelimit-resource': 'core',
      },
    };
    const context = {
      integration: 'github',
      environment: 'production' as const,
      endpoint: '/user',
      readBy: 'client' as const,
      status: 200,
    };

    await recorder.recordAnswer(context, spent);
    await recorder.recordAnswer(context, spent);

    expect([...hits.values()]).toEqual([
      expect.objectContaining({
        integration: 'github',
        endpoint: '/user',
        delaySeconds: 300,
        source: 'header',
        field: 'x-ratelimit-remaining',
        readBy: 'client',
      }),
    ]);
  });

  it("keeps a batch's latest reading per window and each 429 under its event id", async () => {
    const { store, readings, hits } = memoryStore();
    const recorder = new RateLimitRecorder({ store });
    const event = (
      id: string,
      minute: number,
      overrides: Partial<UsageEvent>,
    ): UsageEvent => ({
      id,
      integration: 'brevo',
      environment: 'production',
      endpoint: '/v3/smtp/email',
      method: 'POST',
      status: 201,
      durationMs: 80,
      occurredAt: `2026-11-28T12:0${minute}:00.000Z`,
      ...overrides,
    });

    await recorder.recordUsageEvents([
      event('e-2', 2, { rateLimit: { limit: 400, remaining: 10 } }),
      event('e-1', 1, { rateLimit: { limit: 400, remaining: 90 } }),
      event('e-3', 3, { status: 429, retryAfterSeconds: 1 }),
      event('e-4', 4, {}),
    ]);

    expect([...readings.values()]).toEqual([
      expect.objectContaining({
        figure: {
          key: '/v3/smtp/email',
          limit: 400,
          remaining: 10,
          source: 'header',
          field: 'rateLimit',
        },
        readAt: '2026-11-28T12:02:00.000Z',
      }),
    ]);
    expect([...hits.keys()]).toEqual(['usage:e-3']);
    expect(hits.get('usage:e-3')).toMatchObject({
      status: 429,
      delaySeconds: 1,
      source: 'observed',
      field: 'retryAfterSeconds',
    });
  });
});
