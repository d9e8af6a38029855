import {
  AuthType,
  Environment,
  IntegrationCategory,
} from '@internal/plugin-integrations-common';
import { NewIntegration } from '../database/IntegrationConfigStore';

interface DemoService {
  name: string;
  displayName: string;
  provider: string;
  category: IntegrationCategory;
  owner: string;
  description: string;
  baseUrl: string;
  apiVersion?: string;
  authType: AuthType;
  scopes?: string[];
  /** Environments where the company has switched this integration off. */
  disabledIn?: Environment[];
}

const services: DemoService[] = [
  {
    name: 'stripe',
    displayName: 'Stripe',
    provider: 'stripe',
    category: 'payment',
    owner: 'group:default/payments-team',
    description: 'Card payments and subscriptions for the web shop.',
    baseUrl: 'https://api.stripe.com',
    apiVersion: '2024-06-20',
    authType: 'api_key',
  },
  {
    name: 'stripe-connect',
    displayName: 'Stripe Connect',
    provider: 'stripe-connect',
    category: 'payment',
    owner: 'group:default/payments-team',
    description: 'Payouts to marketplace sellers.',
    baseUrl: 'https://api.stripe.com',
    apiVersion: '2024-06-20',
    authType: 'oauth2',
    scopes: ['read_write'],
    disabledIn: ['staging'],
  },
  {
    name: 'paypal',
    displayName: 'PayPal',
    provider: 'paypal',
    category: 'payment',
    owner: 'group:default/payments-team',
    description: 'PayPal checkout as an alternative payment method.',
    baseUrl: 'https://api-m.paypal.com',
    apiVersion: 'v2',
    authType: 'oauth2',
    scopes: ['https://uri.paypal.com/services/payments/payment'],
  },
  {
    name: 'brevo',
    displayName: 'Brevo',
    provider: 'brevo',
    category: 'communication',
    owner: 'group:default/growth-team',
    description: 'Transactional email: receipts, password resets.',
    baseUrl: 'https://api.brevo.com',
    apiVersion: 'v3',
    authType: 'api_key',
  },
  {
    name: 'telegram',
    displayName: 'Telegram',
    provider: 'telegram',
    category: 'communication',
    owner: 'group:default/growth-team',
    description: 'Order notifications to the support bot channel.',
    baseUrl: 'https://api.telegram.org',
    authType: 'api_key',
  },
  {
    name: 'linkedin',
    displayName: 'LinkedIn',
    provider: 'linkedin',
    category: 'social_media',
    owner: 'group:default/growth-team',
    description: 'Company page posts for product launches.',
    baseUrl: 'https://api.linkedin.com',
    apiVersion: 'v2',
    authType: 'oauth2',
    scopes: ['w_organization_social', 'r_organization_social'],
  },
  {
    name: 'twitter',
    displayName: 'Twitter / X',
    provider: 'twitter',
    category: 'social_media',
    owner: 'group:default/growth-team',
    description: 'Release announcements.',
    baseUrl: 'https://api.twitter.com',
    apiVersion: '2',
    authType: 'oauth2',
    scopes: ['tweet.read', 'tweet.write', 'users.read'],
    disabledIn: ['production'],
  },
  {
    name: 'google-analytics',
    displayName: 'Google Analytics 4',
    provider: 'google-analytics',
    category: 'analytics',
    owner: 'group:default/growth-team',
    description: 'Web shop traffic and conversion reports.',
    baseUrl: 'https://analyticsdata.googleapis.com',
    apiVersion: 'v1beta',
    authType: 'oauth2',
    scopes: ['https://www.googleapis.com/auth/analytics.readonly'],
  },
  {
    name: 'github',
    displayName: 'GitHub',
    provider: 'github',
    category: 'development',
    owner: 'group:default/platform-team',
    description: 'Repositories, deployments and issue sync.',
    baseUrl: 'https://api.github.com',
    apiVersion: '2022-11-28',
    authType: 'api_key',
    scopes: ['repo', 'read:org'],
  },
  {
    name: 'google-calendar',
    displayName: 'Google Calendar',
    provider: 'google-calendar',
    category: 'calendar',
    owner: 'group:default/platform-team',
    description: 'Booking slots for customer onboarding calls.',
    baseUrl: 'https://www.googleapis.com/calendar',
    apiVersion: 'v3',
    authType: 'oauth2',
    scopes: ['https://www.googleapis.com/auth/calendar.events'],
  },
  {
    name: 'odoo-crm',
    displayName: 'Odoo CRM',
    provider: 'odoo',
    category: 'crm',
    owner: 'group:default/sales-ops',
    description: 'Leads and customer records.',
    baseUrl: 'https://acme.odoo.com',
    authType: 'basic_auth',
  },
  {
    name: 'scoopp',
    displayName: 'Scoopp',
    provider: 'scoopp',
    category: 'storage',
    owner: 'group:default/platform-team',
    description: 'Media storage for product images; being phased in.',
    baseUrl: 'https://api.scoopp.com',
    apiVersion: 'v1',
    authType: 'jwt',
    disabledIn: ['staging', 'production'],
  },
  {
    name: 'statuspage',
    displayName: 'Status Page',
    provider: 'generic-http',
    category: 'monitoring',
    owner: 'group:default/platform-team',
    description: 'Public status page updates during incidents.',
    baseUrl: 'https://api.statuspage.io',
    apiVersion: 'v1',
    authType: 'api_key',
    disabledIn: ['development'],
  },
];

// Staging and development talk to the providers' sandboxes where they have one.
const sandboxHosts: Record<string, string> = {
  'https://api-m.paypal.com': 'https://api-m.sandbox.paypal.com',
  'https://acme.odoo.com': 'https://acme-staging.odoo.com',
};

const timeoutByEnvironment: Record<Environment, number> = {
  development: 10_000,
  staging: 8_000,
  production: 5_000,
};

/** The demo company's integrations, each configured for every environment. */
export function demoIntegrations(): NewIntegration[] {
  return services.map(service => ({
    name: service.name,
    displayName: service.displayName,
    provider: service.provider,
    category: service.category,
    owner: service.owner,
    description: service.description,
    configs: (['development', 'staging', 'production'] as const).map(
      environment => ({
        environment,
        enabled: !service.disabledIn?.includes(environment),
        connectionConfig: {
          baseUrl:
            environment === 'production'
              ? service.baseUrl
              : sandboxHosts[service.baseUrl] ?? service.baseUrl,
          ...(service.apiVersion ? { apiVersion: service.apiVersion } : {}),
          timeout: timeoutByEnvironment[environment],
          retryAttempts: environment === 'production' ? 3 : 1,
          rateLimitBuffer: environment === 'production' ? 0.2 : 0.1,
        },
        authConfig: {
          type: service.authType,
          ...(service.scopes ? { scopes: service.scopes } : {}),
        },
      }),
    ),
  }));
}
