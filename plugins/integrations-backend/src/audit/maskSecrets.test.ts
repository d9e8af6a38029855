import { MASK, maskSecrets, maskSettingsSecrets } from './maskSecrets';

describe('maskSecrets', () => {
  it('masks everything under a secret-looking key, lists and objects included', () => {
    expect(
      maskSecrets({
        region: 'eu',
        apiKeys: ['sk_live_1', 'sk_live_2'],
        nested: { clientSecret: { value: 'x' }, note: 'ok' },
        Authorization: 'Bearer abc',
      }),
    ).toEqual({
      region: 'eu',
      apiKeys: MASK,
      nested: { clientSecret: MASK, note: 'ok' },
      Authorization: MASK,
    });
  });

  it('leaves the typed sections of settings alone and masks the free-form ones', () => {
    const settings = {
      authConfig: { tokenRefreshSettings: { enabled: true } },
      featureConfig: {
        enabledFeatures: [],
        featureSettings: { webhookToleranceSeconds: 300 },
        customSettings: { password: 'hunter2' },
      },
    };

    expect(maskSettingsSecrets(settings)).toEqual({
      authConfig: { tokenRefreshSettings: { enabled: true } },
      featureConfig: {
        enabledFeatures: [],
        featureSettings: { webhookToleranceSeconds: 300 },
        customSettings: { password: MASK },
      },
    });
  });
});
