import {
  IntegrationConfig,
  defaultSettingsFor,
  getProvider,
} from '@internal/plugin-integrations-common';
import { buildProbeRequest, describeProbe } from './probeRequest';

function configOf(
  providerId: string,
  baseUrl: string,
  featureSettings: Record<string, unknown> = {},
): IntegrationConfig {
  const provider = getProvider(providerId)!;
  const settings = defaultSettingsFor(provider, 'development', {
    owner: 'group:default/platform-team',
  });
  settings.connectionConfig.baseUrl = baseUrl;
  settings.featureConfig.featureSettings = {
    ...settings.featureConfig.featureSettings,
    ...featureSettings,
  };
  return {
    ...settings,
    name: providerId,
    provider: providerId,
    category: provider.category,
    environment: 'development',
    dependents: [],
    metadata: {
      version: 1,
      createdAt: '2026-11-20T00:00:00.000Z',
      createdBy: 'test',
      lastUpdated: '2026-11-20T00:00:00.000Z',
      updatedBy: 'test',
    },
  };
}

describe('buildProbeRequest', () => {
  it('keeps the slashes and query of a health path setting', () => {
    const provider = getProvider('generic-http')!;
    const request = (healthPath: string) =>
      buildProbeRequest(provider.probes.authCheck, {
        config: configOf(
          'generic-http',
          'http://127.0.0.1:7071/generic-http/',
          {
            healthPath,
          },
        ),
        credentials: { apiKey: 'key' },
      }).url;

    expect(request('/health')).toBe(
      'http://127.0.0.1:7071/generic-http/health',
    );
    expect(request('/api/v2/status?verbose=1')).toBe(
      'http://127.0.0.1:7071/generic-http/api/v2/status?verbose=1',
    );
    expect(request('/a%20b/ü')).toBe(
      'http://127.0.0.1:7071/generic-http/a%20b/%C3%BC',
    );
  });

  it('never leaves the base URL path, however the path climbs', () => {
    const provider = getProvider('generic-http')!;
    const request = (healthPath: string) =>
      buildProbeRequest(provider.probes.authCheck, {
        config: configOf(
          'generic-http',
          'http://127.0.0.1:7007/api/generic-http/',
          { healthPath },
        ),
        credentials: { apiKey: 'key' },
      });

    for (const climbing of [
      '/../../.backstage/health/v1/liveness',
      '/%2e%2e/%2E%2E/.backstage/health/v1/liveness',
      '/./../integrations/configs',
      '/..',
    ]) {
      expect(() => request(climbing)).toThrow(
        "The probe path leaves the base URL's path /api/generic-http/: a path may not climb out with .. segments",
      );
    }
    // Dots inside a name are fine, and so is climbing that stays inside.
    expect(request('/v1/../health..json').url).toBe(
      'http://127.0.0.1:7007/api/generic-http/v1/../health..json',
    );
  });

  it('encodes values inside a path as one segment', () => {
    const analytics = getProvider('google-analytics')!;
    expect(
      buildProbeRequest(analytics.probes.authCheck, {
        config: configOf('google-analytics', 'https://example.test/v1beta', {
          propertyId: '123/../admin',
        }),
        credentials: {},
      }).url,
    ).toBe('https://example.test/v1beta/properties/123%2F..%2Fadmin/metadata');

    const telegram = getProvider('telegram')!;
    const built = buildProbeRequest(telegram.probes.authCheck, {
      config: configOf('telegram', 'https://api.telegram.org'),
      credentials: { botToken: '123:abc/def?x' },
    });
    expect(built.url).toBe(
      'https://api.telegram.org/bot123%3Aabc%2Fdef%3Fx/getMe',
    );
    // What people see is the template.
    expect(describeProbe(telegram.probes.authCheck)).toBe(
      'GET /bot{credentials.botToken}/getMe',
    );
  });
});
