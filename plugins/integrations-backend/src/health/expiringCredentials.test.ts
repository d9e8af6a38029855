import {
  IntegrationConfig,
  applySettingsPatch,
  defaultSettingsFor,
  getProvider,
} from '@internal/plugin-integrations-common';
import { expiringCredentialsOf } from './expiringCredentials';

function configOf(provider: string, tokenRefresh = true): IntegrationConfig {
  const settings = defaultSettingsFor(getProvider(provider)!, 'production', {
    owner: 'group:default/payments-team',
  });
  return {
    ...applySettingsPatch(settings, {}),
    name: provider,
    provider,
    environment: 'production',
    authConfig: {
      ...settings.authConfig,
      tokenRefreshSettings: { enabled: tokenRefresh },
    },
  } as unknown as IntegrationConfig;
}

const soon = '2026-12-10T00:00:00.000Z';

describe('expiringCredentialsOf', () => {
  it('names each expiring field by its label', () => {
    expect(
      expiringCredentialsOf(
        configOf('stripe'),
        [{ field: 'secretKey', expiresAt: soon }],
        ['secretKey'],
      ),
    ).toEqual([{ field: 'secretKey', label: 'Secret key', expiresAt: soon }]);
  });

  it('leaves out an access token the backend renews, and keeps the client secret', () => {
    const expiring = [
      { field: 'accessToken', expiresAt: soon },
      { field: 'clientSecret', expiresAt: soon },
    ];
    // PayPal's client-credentials grant gets a new access token whenever it needs one.
    expect(
      expiringCredentialsOf(configOf('paypal'), expiring, [
        'clientId',
        'clientSecret',
        'accessToken',
      ]).map(credential => credential.field),
    ).toEqual(['clientSecret']);
  });

  it('warns about an access token nothing renews', () => {
    // X renews with a refresh token; without one stored, the token simply runs out.
    expect(
      expiringCredentialsOf(
        configOf('twitter'),
        [{ field: 'accessToken', expiresAt: soon }],
        ['accessToken'],
      ).map(credential => credential.field),
    ).toEqual(['accessToken']);
  });
});
