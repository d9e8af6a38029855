import { ENVIRONMENTS } from './types';
import { providerCatalog } from './providers';
import { applySettingsPatch, defaultSettingsFor } from './settings';
import { validateIntegrationSettings } from './validation';
import { diffFields } from './diff';

const owner = 'group:default/payments-team';

describe.each(providerCatalog)('the $id template', provider => {
  it.each(ENVIRONMENTS)('gives settings valid in %s', environment => {
    const settings = defaultSettingsFor(provider, environment, { owner });

    expect(
      validateIntegrationSettings(settings, {
        name: provider.id,
        environment,
        provider,
        dependencyGraph: new Map(),
      }),
    ).toEqual([]);
  });

  it('refuses an unknown provider setting and an unknown feature', () => {
    const settings = applySettingsPatch(
      defaultSettingsFor(provider, 'staging', { owner }),
      {
        featureConfig: {
          featureSettings: { ...provider.defaultSettings, colour: 'blue' },
          enabledFeatures: ['teleportation'],
        },
      },
    );

    const issues = validateIntegrationSettings(settings, {
      name: provider.id,
      environment: 'staging',
      provider,
      dependencyGraph: new Map(),
    });

    expect(issues.map(issue => issue.path)).toEqual([
      'featureConfig.featureSettings',
      'featureConfig.enabledFeatures.0',
    ]);
    expect(issues[1].message).toBe(
      `${provider.displayName} has no feature "teleportation"`,
    );
  });
});

describe('validateIntegrationSettings', () => {
  const provider = providerCatalog[0];
  const base = defaultSettingsFor(provider, 'production', { owner });
  const context = {
    name: 'stripe',
    environment: 'production' as const,
    provider,
    dependencyGraph: new Map([
      ['paypal', ['brevo']],
      ['brevo', ['stripe']],
    ]),
  };

  it('reports field type problems by path before any rule', () => {
    expect(
      validateIntegrationSettings(
        {
          ...base,
          connectionConfig: { ...base.connectionConfig, timeout: -1 },
        },
        context,
      ),
    ).toEqual([
      { path: 'connectionConfig.timeout', message: 'At least 100 ms' },
    ]);
  });

  it('finds a dependency cycle through other integrations', () => {
    expect(
      validateIntegrationSettings(
        applySettingsPatch(base, { dependencies: ['paypal'] }),
        context,
      ),
    ).toEqual([
      {
        path: 'dependencies.0',
        message: 'Would form a cycle: stripe → paypal → brevo → stripe',
      },
    ]);
  });

  it('refuses a response-time alert above the timeout, which could never fire', () => {
    const issues = validateIntegrationSettings(
      applySettingsPatch(base, {
        monitoringConfig: { alertThresholds: { responseTime: 9000 } },
      }),
      context,
    );
    expect(issues).toEqual([
      {
        path: 'monitoringConfig.alertThresholds.responseTime',
        message: 'Above the 5000 ms timeout, so it could never fire',
      },
    ]);
  });
});

describe('diffFields and applySettingsPatch', () => {
  const base = defaultSettingsFor(providerCatalog[0], 'staging', { owner });

  it('merges sections field by field and clears the description with null', () => {
    const withDescription = applySettingsPatch(base, { description: 'x' });
    const patched = applySettingsPatch(withDescription, {
      description: null,
      monitoringConfig: { alertThresholds: { uptime: 99 } },
    });

    expect(patched.description).toBeUndefined();
    expect(patched.monitoringConfig.alertThresholds).toEqual({
      ...base.monitoringConfig.alertThresholds,
      uptime: 99,
    });
    expect(diffFields(withDescription, patched)).toEqual([
      { path: 'description', kind: 'removed', before: 'x' },
      {
        path: 'monitoringConfig.alertThresholds.uptime',
        kind: 'changed',
        before: base.monitoringConfig.alertThresholds.uptime,
        after: 99,
      },
    ]);
  });

  it('sets the catalog System, accepts a name or a ref, and clears it with null', () => {
    const stripe = providerCatalog.find(p => p.id === 'stripe')!;
    const issuesOf = (system: string) =>
      validateIntegrationSettings(applySettingsPatch(base, { system }), {
        name: 'stripe',
        environment: 'staging',
        provider: stripe,
        dependencyGraph: new Map(),
      });

    expect(issuesOf('web-shop')).toEqual([]);
    expect(issuesOf('system:default/web-shop')).toEqual([]);
    expect(issuesOf('component:default/web-shop')).toEqual([
      {
        path: 'system',
        message:
          'Must name a catalog System, e.g. web-shop or system:default/web-shop',
      },
    ]);
    expect(issuesOf('web shop')).toHaveLength(1);

    const inSystem = applySettingsPatch(base, { system: 'web-shop' });
    expect(inSystem.system).toBe('web-shop');
    expect(applySettingsPatch(inSystem, { system: null })).not.toHaveProperty(
      'system',
    );
    expect(applySettingsPatch(inSystem, {}).system).toBe('web-shop');
  });

  it('treats a list as one value', () => {
    expect(
      diffFields(base, applySettingsPatch(base, { dependencies: ['paypal'] })),
    ).toEqual([
      { path: 'dependencies', kind: 'changed', before: [], after: ['paypal'] },
    ]);
  });
});

describe('addresses and credential values the backend would send', () => {
  const stripe = providerCatalog.find(p => p.id === 'stripe')!;
  const scoopp = providerCatalog.find(p => p.id === 'scoopp')!;
  const baseUrlIssues = (baseUrl: string) =>
    validateIntegrationSettings(
      applySettingsPatch(defaultSettingsFor(stripe, 'development', { owner }), {
        connectionConfig: { baseUrl },
      }),
      {
        name: 'stripe',
        environment: 'development',
        provider: stripe,
        dependencyGraph: new Map(),
      },
    ).filter(issue => issue.path === 'connectionConfig.baseUrl');

  it.each([
    ['file:///etc/passwd', 'http:// or https://'],
    ['gopher://api.stripe.com/', 'http:// or https://'],
    ['https://admin:hunter2@api.stripe.com', 'user name or password'],
  ])('refuses the base URL %s when it is saved', (url, reason) => {
    expect(baseUrlIssues(url)).toEqual([
      expect.objectContaining({ message: expect.stringContaining(reason) }),
    ]);
  });

  it('accepts a plain https base URL', () => {
    expect(baseUrlIssues('https://api.stripe.com')).toEqual([]);
  });

  it.each(['sk_test_abc\u0000def', 'sk_test_abc\r\nX-Evil: 1', 'sk_test_\n'])(
    'refuses a credential value with control characters (%j)',
    value => {
      const result = stripe.credentialsSchema.shape.secretKey.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toContain('control characters');
    },
  );

  it('keeps the line breaks of a PEM private key', () => {
    const pem =
      '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBg\n-----END PRIVATE KEY-----\n';
    expect(
      scoopp.credentialsSchema.shape.privateKey.safeParse(pem).success,
    ).toBe(true);
    expect(
      scoopp.credentialsSchema.shape.privateKey.safeParse(`${pem}\u0000`)
        .success,
    ).toBe(false);
  });
});
