import { InvalidBehaviourError } from './behaviour';
import { SimulatorState, UnknownProviderError } from './SimulatorState';

const providers = [
  {
    id: 'github',
    defaultScopes: ['repo'],
    rateLimit: { limit: 2, windowMs: 60_000 },
  },
  { id: 'brevo', defaultScopes: [], rateLimit: { limit: 5, windowMs: 1000 } },
];

describe('SimulatorState', () => {
  let now = 0;
  const createState = () => new SimulatorState(providers, () => now);

  it('starts every provider healthy', () => {
    expect(createState().getAll()).toEqual({
      github: {
        latencyMs: 0,
        failureRate: 0,
        hang: false,
        rejectCredentials: false,
        scopes: ['repo'],
      },
      brevo: {
        latencyMs: 0,
        failureRate: 0,
        hang: false,
        rejectCredentials: false,
        scopes: [],
      },
    });
  });

  it('validates in-process changes like the control API does', () => {
    const state = createState();

    expect(() => state.set('myspace', { hang: true })).toThrow(
      UnknownProviderError,
    );
    expect(() => state.set('github', { failureRate: 2 })).toThrow(
      new InvalidBehaviourError('failureRate: must be between 0 and 1'),
    );
    expect(state.set('github', { hang: true, status: undefined })).toEqual(
      expect.objectContaining({ hang: true }),
    );
  });

  it('hands out copies, so callers cannot change the state by accident', () => {
    const state = createState();

    state.get('github').scopes?.push('admin:org');

    expect(state.get('github').scopes).toEqual(['repo']);
  });

  it('resets one provider, or all of them and the tokens', () => {
    const state = createState();
    state.set('github', { hang: true });
    state.set('brevo', { hang: true });
    state.revokeRefreshToken('rt_1');
    state.rateLimitWindow('github').take();

    state.reset('github');
    expect(state.get('github').hang).toBe(false);
    expect(state.get('brevo').hang).toBe(true);
    expect(state.rateLimitWindow('github').usage().used).toBe(0);
    expect(state.tokens.isRevoked('rt_1')).toBe(true);

    state.reset();
    expect(state.get('brevo').hang).toBe(false);
    expect(state.tokens.isRevoked('rt_1')).toBe(false);
  });

  it('counts requests in fixed windows of the clock', () => {
    now = 120_000;
    const window = createState().rateLimitWindow('github');

    expect(window.take()).toBe(true);
    expect(window.take()).toBe(true);
    expect(window.take()).toBe(false);
    expect(window.usage()).toEqual({
      limit: 2,
      used: 2,
      remaining: 0,
      resetAt: 180_000,
      resetInSeconds: 60,
      windowSeconds: 60,
    });

    now = 180_000;
    expect(window.take()).toBe(true);
  });

  it('keeps the last 200 requests', () => {
    const log = createState().requestLog('brevo');
    for (let i = 0; i < 205; i++) {
      log.record({ method: 'GET', path: `/${i}`, at: '', status: 200 });
    }

    const requests = log.list();
    expect(requests).toHaveLength(200);
    expect(requests[0].path).toBe('/5');
  });
});
