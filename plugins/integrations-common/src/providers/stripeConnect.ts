import { z } from 'zod';
import { ProviderDefinition } from './types';
import {
  credentialsObject,
  oauth2CredentialFields,
  oneOf,
  settingsObject,
  text,
} from './fields';
import {
  stripeKnownErrors,
  stripeWebhookSigningSecret,
  stripeWebhookTolerance,
} from './stripe';

export const stripeConnectProvider: ProviderDefinition = {
  id: 'stripe-connect',
  displayName: 'Stripe Connect',
  category: 'payment',
  authType: 'oauth2',
  description:
    'Marketplace payments: connect sellers’ Stripe accounts and route payments and fees to them.',
  docsUrl: 'https://docs.stripe.com/connect/oauth-reference',
  defaultBaseUrl: 'https://api.stripe.com',
  apiVersion: '2024-06-20',
  defaultScopes: ['read_write'],
  features: [
    {
      id: 'account_onboarding',
      label: 'Account onboarding',
      description: 'Connect sellers’ Stripe accounts through OAuth.',
    },
    {
      id: 'destination_charges',
      label: 'Destination charges',
      description:
        'Charge buyers on the platform and transfer funds to a connected account.',
    },
    {
      id: 'application_fees',
      label: 'Application fees',
      description:
        'Keep a platform fee on each payment to a connected account.',
    },
    {
      id: 'connect_webhooks',
      label: 'Connect webhooks',
      description: 'Receive events that happen on connected accounts.',
    },
  ],
  defaultFeatures: [
    'account_onboarding',
    'destination_charges',
    'connect_webhooks',
  ],
  settingsSchema: settingsObject({
    accountType: oneOf(
      {
        title: 'Account type',
        description:
          'Standard accounts have their own Stripe dashboard; Express accounts a lighter one run by the platform.',
      },
      ['standard', 'express'],
    ),
    applicationFeePercent: z
      .number({ error: 'Application fee must be a percentage from 0 to 100' })
      .min(0, 'Application fee must be a percentage from 0 to 100')
      .max(100, 'Application fee must be a percentage from 0 to 100')
      .meta({
        title: 'Application fee',
        description: 'Percentage of each payment the platform keeps.',
      })
      .optional(),
    webhookToleranceSeconds: stripeWebhookTolerance,
  }),
  defaultSettings: {
    accountType: 'standard',
    webhookToleranceSeconds: 300,
  },
  credentialsSchema: credentialsObject({
    ...oauth2CredentialFields({
      clientId: text({
        title: 'Client ID',
        description:
          'The ca_… ID from the Connect settings of the platform account.',
        secret: false,
      }).regex(/^ca_[A-Za-z0-9]+$/, 'Client ID must start with ca_'),
      clientSecret: text({
        title: 'Platform secret key',
        description:
          'Stripe uses the platform’s secret key as the OAuth client secret.',
        secret: true,
      }).regex(
        /^sk_(live|test)_[A-Za-z0-9]+$/,
        'Platform secret key must start with sk_live_ or sk_test_',
      ),
    }),
    webhookSigningSecret: stripeWebhookSigningSecret.optional(),
  }),
  defaultMonitoring: {
    healthCheckInterval: 60,
    alertThresholds: { errorRate: 1, responseTime: 2000, uptime: 99.9 },
  },
  probes: {
    auth: { scheme: 'bearer', credential: 'clientSecret' },
    authCheck: {
      operation: 'Read the platform balance',
      method: 'GET',
      path: '/v1/balance',
      expect: { path: 'object', equals: 'balance' },
    },
    functional: {
      operation: 'List one connected account',
      method: 'GET',
      path: '/v1/accounts',
      query: { limit: '1' },
      expect: { path: 'object', equals: 'list' },
    },
    errorFormat: {
      code: ['error.decline_code', 'error.code', 'error.type'],
      message: ['error.message'],
      documentationUrl: ['error.doc_url'],
      requestIdHeader: 'request-id',
    },
    knownErrors: stripeKnownErrors,
  },
  oauth: {
    tokenUrl: 'https://connect.stripe.com/oauth/token',
    grant: 'refresh_token',
    clientAuthentication: 'body',
    clientSecretOnly: true,
  },
};
