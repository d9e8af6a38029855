import {
  Environment,
  SettingsPatch,
} from '@internal/plugin-integrations-common';

/** One integration of the demo company, made from its provider's template. */
export interface DemoIntegration {
  template: string;
  name: string;
  displayName?: string;
  owner: string;
  description: string;
  /** Environments where the company has switched this integration off. */
  disabledIn?: Environment[];
  dependencies?: string[];
  /** The System of the demo catalog (examples/entities.yaml) it belongs to. */
  system?: string;
  settings?: SettingsPatch;
  /** Provider settings added to the template's defaults. */
  featureSettings?: Record<string, unknown>;
  /** Credentials the demo stores in every environment; values only look real. */
  credentials?: Record<string, string>;
  /** Days from seeding until these fields expire, in production only. */
  productionExpiryDays?: Record<string, number>;
}

const googleClient = {
  clientId: '284711093366-acmeshopdemo.apps.googleusercontent.com',
  clientSecret: 'GOCSPX-demo-acme-shop-client-secret',
  refreshToken: '1//0demo-acme-shop-google-refresh-token',
};

/** Acme Shop's integrations: the spec's services, across several categories and teams. */
export const demoIntegrations: DemoIntegration[] = [
  {
    template: 'stripe',
    name: 'stripe',
    owner: 'group:default/payments-team',
    system: 'web-shop',
    description: 'Card payments and subscriptions for the web shop.',
    credentials: {
      secretKey: 'sk_test_51DemoAcmeShopSecretKeyForTheSimulator4242',
      webhookSigningSecret: 'whsec_demoAcmeShopStripeSigningSecret',
    },
    productionExpiryDays: { secretKey: 5 },
  },
  {
    template: 'stripe-connect',
    name: 'stripe-connect',
    owner: 'group:default/payments-team',
    system: 'web-shop',
    description: 'Payouts to marketplace sellers.',
    credentials: {
      clientId: 'ca_DemoAcmeShopPlatform0000000000',
      clientSecret: 'sk_test_51DemoAcmeShopPlatformSecretKey0000',
      refreshToken: 'rt_DemoAcmeShopConnectRefreshToken0000',
    },
    dependencies: ['stripe'],
    disabledIn: ['staging'],
  },
  {
    template: 'paypal',
    name: 'paypal',
    owner: 'group:default/payments-team',
    system: 'web-shop',
    description: 'PayPal checkout as an alternative payment method.',
    credentials: {
      clientId: 'AcmeShopDemoPayPalClientId-0000000000000000000',
      clientSecret: 'EDemoAcmeShopPayPalClientSecret-000000000000',
    },
  },
  {
    template: 'brevo',
    name: 'brevo',
    owner: 'group:default/growth-team',
    system: 'web-shop',
    description: 'Transactional email: receipts, password resets.',
    credentials: {
      apiKey: 'xkeysib-demo0acme0shop0brevo0api0key0000000000000000-DemoKey1',
    },
  },
  {
    template: 'telegram',
    name: 'telegram',
    owner: 'group:default/growth-team',
    system: 'web-shop',
    description: 'Order notifications to the support bot channel.',
    credentials: {
      botToken: '7123456789:AAHdemoAcmeShopSupportBotToken0000000',
      webhookSecretToken: 'demo-acme-shop-telegram-webhook-token',
    },
  },
  {
    template: 'linkedin',
    name: 'linkedin',
    owner: 'group:default/growth-team',
    system: 'marketing',
    description: 'Company page posts for product launches.',
    credentials: {
      clientId: '86demoacmeshop',
      clientSecret: 'WPL_AP1.demoAcmeShopLinkedInSecret',
      refreshToken: 'AQWdemoAcmeShopLinkedInRefreshToken',
    },
  },
  {
    template: 'twitter',
    name: 'twitter',
    owner: 'group:default/growth-team',
    system: 'marketing',
    description: 'Release announcements.',
    credentials: {
      clientId: 'ZGVtb0FjbWVTaG9wWENsaWVudA',
      clientSecret: 'demo-acme-shop-x-client-secret-000000',
      refreshToken: 'bWRemoAcmeShopXRefreshToken000000000',
    },
    disabledIn: ['production'],
  },
  {
    template: 'google-analytics',
    name: 'google-analytics',
    owner: 'group:default/growth-team',
    system: 'marketing',
    description: 'Web shop traffic and conversion reports.',
    featureSettings: { propertyId: '312345678' },
    credentials: googleClient,
  },
  {
    template: 'github',
    name: 'github',
    owner: 'group:default/platform-team',
    system: 'integration-platform',
    description: 'Repositories, deployments and issue sync.',
    credentials: {
      token: 'ghp_DemoAcmeShopPlatformTeamToken000000',
      webhookSecret: 'demo-acme-shop-github-webhook-secret',
    },
    productionExpiryDays: { token: 40 },
  },
  {
    template: 'google-calendar',
    name: 'google-calendar',
    owner: 'group:default/platform-team',
    system: 'sales',
    description: 'Booking slots for customer onboarding calls.',
    credentials: googleClient,
  },
  {
    template: 'odoo',
    name: 'odoo-crm',
    owner: 'group:default/sales-ops',
    system: 'sales',
    description: 'Leads and customer records.',
    credentials: {
      username: 'integrations@acme.example',
      apiKey: 'demo-acme-shop-odoo-api-key-0000000000',
    },
    settings: {
      connectionConfig: { baseUrl: 'https://acme.odoo.com' },
    },
    featureSettings: { database: 'acme' },
  },
  {
    template: 'scoopp',
    name: 'scoopp',
    owner: 'group:default/platform-team',
    description: 'Media storage for product images; being phased in.',
    featureSettings: { bucket: 'product-images' },
    credentials: { keyId: 'acme-media-2026' },
    disabledIn: ['staging', 'production'],
  },
  {
    template: 'generic-http',
    name: 'statuspage',
    displayName: 'Status Page',
    owner: 'group:default/platform-team',
    system: 'integration-platform',
    description: 'Public status page updates during incidents.',
    credentials: { apiKey: 'demo-acme-shop-status-page-api-key' },
    disabledIn: ['development'],
    settings: {
      connectionConfig: { baseUrl: 'https://api.statuspage.io' },
    },
  },
];

/** The credential values the demo stores for one integration in one environment. */
export function demoCredentialValues(
  name: string,
  environment: Environment,
): Record<string, string> {
  const values = {
    ...demoIntegrations.find(demo => demo.name === name)?.credentials,
  };
  // Each environment has its own grant: X spends a refresh token on every refresh.
  if (values.refreshToken) {
    values.refreshToken = `${values.refreshToken}${environment
      .slice(0, 1)
      .toUpperCase()}${environment.slice(1)}`;
  }
  return values;
}

/**
 * The demo integrations whose provider the demo shop has send webhooks, with
 * the secret the demo stores for them, so what it has sent verifies.
 */
export function demoWebhookSenders(): Array<{
  integration: string;
  provider: string;
  secret: string;
}> {
  return [
    { integration: 'stripe', field: 'webhookSigningSecret' },
    { integration: 'github', field: 'webhookSecret' },
  ].map(({ integration, field }) => {
    const demo = demoIntegrations.find(d => d.name === integration)!;
    return {
      integration,
      provider: demo.template,
      secret: demo.credentials![field],
    };
  });
}
