import { z } from 'zod';
import {
  JsonSchema,
  getProvider,
  providerCatalog,
  toConfigurationTemplate,
} from './index';

interface ProviderExample {
  credentials: Record<string, unknown>;
  invalidCredentials: { credentials: Record<string, unknown>; field: string };
  /** Merged over the default settings. */
  invalidSetting: {
    settings: Record<string, unknown>;
    field: string;
    message: RegExp;
  };
  /** The credential fields that must be masked; all others are shown. */
  secretFields: string[];
}

const googleClient = {
  clientId:
    '418093625417-4k2mq8vd0f3hn6p1c9s7t5r2b8j0e4ua.apps.googleusercontent.com',
  clientSecret: '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',
  refreshToken: '1//0gXq3Zk9mPv2LCgYIARAAGBASNwF-L9IrT4',
};

const oauthSecrets = ['clientSecret', 'refreshToken', 'accessToken'];

const examples: Record<string, ProviderExample> = {
  stripe: {
    secretFields: ['secretKey', 'webhookSigningSecret'],
    credentials: {
      secretKey: 'sk_test_51NzQ8xKb3mYtR4vW9pLc2HdE6fGj0a',
      webhookSigningSecret: 'whsec_9fK2mQ7xT4vB8nR3pL6wY1zC5hJ0dA',
    },
    invalidCredentials: {
      credentials: { secretKey: 'pk_test_51NzQ8xKb3mYtR4vW9pLc2HdE6fGj0a' },
      field: 'secretKey',
    },
    invalidSetting: {
      settings: { accountCountry: 'USA' },
      field: 'accountCountry',
      message: /two-letter ISO 3166 code/,
    },
  },
  paypal: {
    secretFields: ['clientSecret', 'accessToken'],
    credentials: {
      clientId: 'AcX9k2Lm7Pq4Rt8Vw1Yz3Bn6Df0Gh5Jk-Ms2Nu7Qx9Zc4Ve1Wb8Ra3Tf6',
      clientSecret: 'EJ4k9Qm2Xv7Lp1Rz6Tb3Wn8Yc5Hd0Gf-Sa2Ue7Mj4Kq9Vx1Zp6Nb3Rt8',
    },
    invalidCredentials: {
      credentials: {
        clientId: 'AcX9k2Lm7Pq4Rt8Vw1Yz3Bn6Df0Gh5Jk-Ms2Nu7Qx9Zc4Ve1Wb8Ra3Tf6',
      },
      field: 'clientSecret',
    },
    invalidSetting: {
      settings: { intent: 'SALE' },
      field: 'intent',
      message: /must be one of: CAPTURE, AUTHORIZE/,
    },
  },
  'stripe-connect': {
    secretFields: [
      'clientSecret',
      'refreshToken',
      'accessToken',
      'webhookSigningSecret',
    ],
    credentials: {
      clientId: 'ca_FkyHCg7X8mlvCUdMDao4mMxagUfhIwXb',
      clientSecret: 'sk_live_51NzQ8xKb3mYtR4vW9pLc2HdE6fGj0a',
      refreshToken: 'rt_Hk2mQ9xT4vB8nR3pL6wY1zC5',
    },
    invalidCredentials: {
      credentials: {
        clientId: 'pk_live_FkyHCg7X8mlvCUdMDao4mMxagUfhIwXb',
        clientSecret: 'sk_live_51NzQ8xKb3mYtR4vW9pLc2HdE6fGj0a',
      },
      field: 'clientId',
    },
    invalidSetting: {
      settings: { applicationFeePercent: 120 },
      field: 'applicationFeePercent',
      message: /percentage from 0 to 100/,
    },
  },
  brevo: {
    secretFields: ['apiKey', 'smtpPassword'],
    credentials: {
      apiKey:
        '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',
      smtpLogin: '8a1b2c001@smtp-brevo.com',
      smtpPassword:
        'xsmtpsib-3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e-Zk4Np8Rv2Tx6Wm0Q',
    },
    invalidCredentials: {
      credentials: {
        apiKey:
          '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',
        smtpPassword:
          'xsmtpsib-3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e-Zk4Np8Rv2Tx6Wm0Q',
      },
      field: 'smtpLogin',
    },
    invalidSetting: {
      settings: { senderEmail: 'noreply-at-acme.example' },
      field: 'senderEmail',
      message: /must be an email address/,
    },
  },
  linkedin: {
    secretFields: oauthSecrets,
    credentials: {
      clientId: '86q4zt2mkw9xrb',
      clientSecret: 'WPL_AP1.Xk9mQ2vT7pL4.Rz8nB3==',
    },
    invalidCredentials: {
      credentials: { clientSecret: 'WPL_AP1.Xk9mQ2vT7pL4.Rz8nB3==' },
      field: 'clientId',
    },
    invalidSetting: {
      settings: { postAs: 'organization' },
      field: 'organizationUrn',
      message: /required to post as the company page/,
    },
  },
  twitter: {
    secretFields: oauthSecrets,
    credentials: {
      clientId: 'cW9kX2xQbTRtN3pWcjhZdjE6MTpjaQ',
      clientSecret: 'Hk2mQ9xT4vB8nR3pL6wY1zC5fJ0dA7sE_gU-iO8pL2kM4nB6vC',
      refreshToken: 'bWRWa3gzdnk3WHRGU1o0bmRRcTJ5VUxWX1lZTDdJSUtmaWcxbTVx',
      accessToken: 'VGhpcyBpcyBub3QgYSByZWFsIGFjY2VzcyB0b2tlbg',
    },
    invalidCredentials: {
      credentials: {
        clientId: 12345,
        clientSecret: 'Hk2mQ9xT4vB8nR3pL6wY1zC5fJ0dA7sE_gU-iO8pL2kM4nB6vC',
      },
      field: 'clientId',
    },
    invalidSetting: {
      settings: { accountHandle: '@acme' },
      field: 'accountHandle',
      message: /without the @/,
    },
  },
  telegram: {
    secretFields: ['botToken', 'webhookSecretToken'],
    credentials: {
      botToken: '7012345678:AAH4kq0tY7sXnN3c1mFv2bQe9wLz8pRj5uD',
      webhookSecretToken: 'k3J9-xQ2_vL8mT4pR7wZ',
    },
    invalidCredentials: {
      credentials: { botToken: 'AAH4kq0tY7sXnN3c1mFv2bQe9wLz8pRj5uD' },
      field: 'botToken',
    },
    invalidSetting: {
      settings: { parseMode: 'markdown' },
      field: 'parseMode',
      message: /must be one of: HTML, MarkdownV2, Markdown/,
    },
  },
  'google-analytics': {
    secretFields: oauthSecrets,
    credentials: googleClient,
    invalidCredentials: {
      credentials: { ...googleClient, clientId: 'analytics.acme.example' },
      field: 'clientId',
    },
    invalidSetting: {
      settings: { propertyId: 'G-ABC123XYZ9' },
      field: 'propertyId',
      message: /numeric GA4 property ID/,
    },
  },
  github: {
    secretFields: ['token', 'webhookSecret'],
    credentials: {
      token:
        'github_pat_11AB7CDEF0kQm2Xv7Lp1Rz_6Tb3Wn8Yc5Hd0GfSa2Ue7Mj4Kq9Vx1Zp6Nb3Rt8Wc5Yd0Hf2',
      webhookSecret: 'c5f3a1c8e6b4d2f0a9c7e5b3',
    },
    invalidCredentials: {
      credentials: { token: 'Bearer 3f9a1c7e5b2d8f4a6c0e' },
      field: 'token',
    },
    invalidSetting: {
      settings: { perPage: 500 },
      field: 'perPage',
      message: /whole number from 1 to 100/,
    },
  },
  scoopp: {
    secretFields: ['privateKey'],
    credentials: {
      keyId: 'key_2025_portal',
      privateKey:
        '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n',
    },
    invalidCredentials: {
      credentials: { keyId: 'key_2025_portal', privateKey: 'my-password' },
      field: 'privateKey',
    },
    invalidSetting: {
      settings: { signingAlgorithm: 'HS256' },
      field: 'signingAlgorithm',
      message: /must be one of: RS256, ES256/,
    },
  },
  odoo: {
    secretFields: ['apiKey'],
    credentials: {
      username: 'integrations@acme.example',
      apiKey: '5e0b2f8a9c1d4e7f3a6b0c9d2e5f8a1b4c7d0e3f',
    },
    invalidCredentials: {
      credentials: { apiKey: '5e0b2f8a9c1d4e7f3a6b0c9d2e5f8a1b4c7d0e3f' },
      field: 'username',
    },
    invalidSetting: {
      settings: { salesTeamId: 1.5 },
      field: 'salesTeamId',
      message: /whole number/,
    },
  },
  'google-calendar': {
    secretFields: oauthSecrets,
    credentials: googleClient,
    invalidCredentials: {
      credentials: { ...googleClient, clientSecret: '' },
      field: 'clientSecret',
    },
    invalidSetting: {
      settings: { timeZone: 'Mars/Olympus_Mons' },
      field: 'timeZone',
      message: /IANA time zone/,
    },
  },
  'generic-http': {
    secretFields: ['apiKey', 'webhookSecret'],
    credentials: { apiKey: 'k_live_7Hq2Xm9Vp4Lt1Rz6Wb3Yn8Dc5' },
    invalidCredentials: { credentials: {}, field: 'apiKey' },
    invalidSetting: {
      settings: { healthPath: 'health' },
      field: 'healthPath',
      message: /must start with \//,
    },
  },
};

function issueAt(schema: z.ZodType, value: unknown, field: string) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return result.error?.issues.find(issue => issue.path.join('.') === field);
}

function propertiesOf(schema: JsonSchema) {
  return schema.properties as Record<string, Record<string, unknown>>;
}

describe('providerCatalog', () => {
  it('lists the supported providers in order', () => {
    expect(providerCatalog.map(provider => provider.id)).toEqual([
      'stripe',
      'paypal',
      'stripe-connect',
      'brevo',
      'linkedin',
      'twitter',
      'telegram',
      'google-analytics',
      'github',
      'scoopp',
      'odoo',
      'google-calendar',
      'generic-http',
    ]);
  });

  it('has unique ids', () => {
    const ids = providerCatalog.map(provider => provider.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('finds providers by id', () => {
    expect(getProvider('paypal')?.displayName).toBe('PayPal');
    expect(getProvider('paypal-classic')).toBeUndefined();
  });

  it('has an example for every provider', () => {
    expect(Object.keys(examples).sort()).toEqual(
      providerCatalog.map(provider => provider.id).sort(),
    );
  });
});

describe('the generic HTTP health path', () => {
  const healthPath = getProvider('generic-http')!.settingsSchema.shape
    .healthPath as z.ZodType;

  it.each([
    '/../../.backstage/health/v1/liveness',
    '/%2e%2e/admin',
    '/v1/%2E./admin',
    '/./health',
    '/v1\\..\\admin',
  ])('refuses %s, which climbs out of the base URL', path => {
    expect(healthPath.safeParse(path).error?.issues[0].message).toBe(
      'Health path must stay under the base URL: no . or .. segments',
    );
  });

  it.each([
    '/health',
    '/v1/health..json',
    '/status?from=..',
    '/.well-known/ok',
  ])('accepts %s', path => {
    expect(healthPath.safeParse(path).success).toBe(true);
  });
});

describe.each(providerCatalog)('provider $id', provider => {
  const example = examples[provider.id];
  const template = toConfigurationTemplate(provider);

  it('accepts its default settings', () => {
    const result = provider.settingsSchema.safeParse(provider.defaultSettings);
    expect(result.error?.issues).toBeUndefined();
  });

  it('rejects an unknown setting', () => {
    const result = provider.settingsSchema.safeParse({
      ...provider.defaultSettings,
      colour: 'blue',
    });
    expect(result.error?.issues).toContainEqual(
      expect.objectContaining({
        code: 'unrecognized_keys',
        message: 'Unknown setting: colour',
      }),
    );
  });

  it('rejects an invalid setting with a message that names the field', () => {
    const { settings, field, message } = example.invalidSetting;
    const issue = issueAt(
      provider.settingsSchema,
      { ...provider.defaultSettings, ...settings },
      field,
    );
    const title = propertiesOf(template.settingsSchema)[field].title as string;
    expect(issue?.message).toMatch(message);
    expect(issue?.message.slice(0, title.length)).toBe(title);
  });

  it('names the field in the message for a value of the wrong type', () => {
    const properties = propertiesOf(template.settingsSchema);
    for (const field of Object.keys(properties)) {
      const issue = issueAt(
        provider.settingsSchema,
        { ...provider.defaultSettings, [field]: { wrong: true } },
        field,
      );
      const title = properties[field].title as string;
      expect(issue?.message.slice(0, title.length)).toBe(title);
    }
    for (const { name, label } of template.credentialFields) {
      const issue = issueAt(
        provider.credentialsSchema,
        { ...example.credentials, [name]: { wrong: true } },
        name,
      );
      expect(issue?.message.slice(0, label.length)).toBe(label);
    }
  });

  it('accepts realistic credentials', () => {
    const result = provider.credentialsSchema.safeParse(example.credentials);
    expect(result.error?.issues).toBeUndefined();
  });

  it('rejects invalid credentials with a message that names the field', () => {
    const { credentials, field } = example.invalidCredentials;
    const issue = issueAt(provider.credentialsSchema, credentials, field);
    const { label } = template.credentialFields.find(f => f.name === field)!;
    expect(issue?.message.slice(0, label.length)).toBe(label);
  });

  it('rejects an unknown credential field', () => {
    const result = provider.credentialsSchema.safeParse({
      ...example.credentials,
      password: 'hunter2',
    });
    expect(result.error?.issues).toContainEqual(
      expect.objectContaining({
        message: 'Unknown credential field: password',
      }),
    );
  });

  it('talks to https endpoints only', () => {
    const urls = [provider.defaultBaseUrl, provider.docsUrl];
    if (provider.sandboxBaseUrl) urls.push(provider.sandboxBaseUrl);
    expect(urls.filter(url => new URL(url).protocol !== 'https:')).toEqual([]);
  });

  it('has sane monitoring defaults', () => {
    const { healthCheckInterval, alertThresholds } = provider.defaultMonitoring;
    expect(healthCheckInterval).toBeGreaterThanOrEqual(30);
    expect(alertThresholds.errorRate).toBeGreaterThan(0);
    expect(alertThresholds.errorRate).toBeLessThanOrEqual(100);
    expect(alertThresholds.uptime).toBeGreaterThan(0);
    expect(alertThresholds.uptime).toBeLessThanOrEqual(100);
    expect(alertThresholds.responseTime).toBeGreaterThan(0);
  });

  it('starts with features it offers', () => {
    const ids = provider.features.map(feature => feature.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids.length).toBeLessThanOrEqual(5);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(provider.defaultFeatures));
  });

  it('serves its schemas as JSON Schema objects', () => {
    expect(JSON.parse(JSON.stringify(template))).toEqual(template);
    for (const [jsonSchema, schema] of [
      [template.settingsSchema, provider.settingsSchema],
      [template.credentialsSchema, provider.credentialsSchema],
    ] as const) {
      expect(jsonSchema.type).toBe('object');
      expect(jsonSchema.additionalProperties).toBe(false);
      expect(Object.keys(propertiesOf(jsonSchema))).toEqual(
        Object.keys(schema.shape),
      );
    }
  });

  it('labels and describes every setting', () => {
    for (const property of Object.values(
      propertiesOf(template.settingsSchema),
    )) {
      expect(property).toEqual(
        expect.objectContaining({
          title: expect.any(String),
          description: expect.any(String),
        }),
      );
    }
  });

  it('says of every credential field whether it is secret', () => {
    for (const property of Object.values(
      propertiesOf(template.credentialsSchema),
    )) {
      expect(property).toEqual(
        expect.objectContaining({
          title: expect.any(String),
          secret: expect.any(Boolean),
        }),
      );
    }
    expect(template.credentialFields.map(field => field.name)).toEqual(
      Object.keys(provider.credentialsSchema.shape),
    );
    expect(
      template.credentialFields
        .filter(field => field.secret)
        .map(field => field.name),
    ).toEqual(example.secretFields);
  });
});

describe('toConfigurationTemplate', () => {
  it('masks a credential field that does not say whether it is secret', () => {
    const template = toConfigurationTemplate({
      ...getProvider('generic-http')!,
      credentialsSchema: z.strictObject({
        apiKey: z.string().meta({ title: 'API key' }),
      }),
    });
    expect(template.credentialFields).toEqual([
      { name: 'apiKey', label: 'API key', secret: true },
    ]);
  });
});
