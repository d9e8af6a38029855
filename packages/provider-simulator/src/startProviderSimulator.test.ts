import fs from 'node:fs';
import https from 'node:https';
import {
  SIMULATED_PROVIDERS,
  simulatorCertificatePath,
  startProviderSimulator,
} from './index';

function httpsGet(url: string, ca: string) {
  return new Promise<{ status?: number; body: string }>((resolve, reject) => {
    https
      .get(url, { ca, headers: { 'x-api-key': 'key' } }, response => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', chunk => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode, body }),
        );
      })
      .on('error', reject);
  });
}

describe('startProviderSimulator', () => {
  it('answers over https with the development certificate', async () => {
    const simulator = await startProviderSimulator({ port: 0, httpsPort: 0 });
    try {
      expect(simulator.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

      const response = await httpsGet(
        `${simulator.httpsUrl}/generic-http/health`,
        fs.readFileSync(simulatorCertificatePath, 'utf8'),
      );

      expect(response).toEqual({ status: 200, body: '{"status":"ok"}' });
    } finally {
      await simulator.close();
    }
  });

  it('has no https listener unless asked', async () => {
    const simulator = await startProviderSimulator({ port: 0 });
    await simulator.close();

    expect(simulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(simulator.httpsUrl).toBeUndefined();
  });

  it('closes promptly while a request hangs', async () => {
    const simulator = await startProviderSimulator({ port: 0 });
    simulator.control.set('generic-http', { hang: true });
    const outcome = fetch(`${simulator.url}/generic-http/health`).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    while (simulator.control.requests('generic-http').length === 0) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }

    const started = Date.now();
    await simulator.close();

    expect(Date.now() - started).toBeLessThan(1000);
    expect(await outcome).toBe('fetch failed');
  });

  it('answers 404 for an unknown provider', async () => {
    const simulator = await startProviderSimulator({ port: 0 });
    try {
      const response = await fetch(`${simulator.url}/myspace/v1/friends`);

      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'unknown provider' });
    } finally {
      await simulator.close();
    }
  });

  it('lists every provider id', () => {
    expect(SIMULATED_PROVIDERS).toEqual([
      'stripe',
      'stripe-connect',
      'paypal',
      'brevo',
      'linkedin',
      'twitter',
      'telegram',
      'google-oauth',
      'google-analytics',
      'google-calendar',
      'github',
      'odoo',
      'scoopp',
      'generic-http',
    ]);
  });
});
