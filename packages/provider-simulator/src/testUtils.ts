import {
  ProviderSimulator,
  ProviderSimulatorOptions,
  startProviderSimulator,
} from './startProviderSimulator';

/**
 * Starts a simulator on a free port for the test file and makes every provider
 * healthy again after each test.
 */
export function useSimulator(options: ProviderSimulatorOptions = {}) {
  let simulator: ProviderSimulator | undefined;

  beforeAll(async () => {
    simulator = await startProviderSimulator({ port: 0, ...options });
  });
  afterEach(() => simulator?.control.reset());
  afterAll(() => simulator?.close());

  const current = () => {
    if (!simulator) {
      throw new Error('The simulator has not started yet');
    }
    return simulator;
  };

  return {
    get control() {
      return current().control;
    },
    get url() {
      return current().url;
    },
    request(path: string, init?: RequestInit) {
      return fetch(`${current().url}${path}`, init);
    },
  };
}

export function basicAuth(username: string, password: string) {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export function bearer(token: string) {
  return { authorization: `Bearer ${token}` };
}

/** A POST of an URL-encoded form, as OAuth token endpoints take. */
export function formPost(
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): RequestInit {
  return { method: 'POST', body: new URLSearchParams(fields), headers };
}

export function jsonPost(body: unknown): RequestInit {
  return {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  };
}

/** A clock tests can move, starting on the hour so rate-limit windows are whole. */
export function fakeClock(start = Date.parse('2025-06-02T10:00:00Z')) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
