import { useSimulator } from '../testUtils';

describe('generic-http', () => {
  const simulator = useSimulator();

  it('answers its health check with either usual key header', async () => {
    const headerSets: Record<string, string>[] = [
      { 'x-api-key': 'key' },
      { authorization: 'Token abc' },
    ];
    for (const headers of headerSets) {
      const response = await simulator.request('/generic-http/health', {
        headers,
      });

      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    }
  });

  it('refuses a request without a key, or when told to', async () => {
    const anonymous = await simulator.request('/generic-http/health');
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'unauthorized' });

    simulator.control.set('generic-http', { rejectCredentials: true });
    const rejected = await simulator.request('/generic-http/health', {
      headers: { 'x-api-key': 'key' },
    });
    expect(rejected.status).toBe(401);
  });
});
