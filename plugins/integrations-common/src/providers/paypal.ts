import { ProviderDefinition } from './types';
import { credentialsObject, oneOf, settingsObject, text } from './fields';

export const paypalProvider: ProviderDefinition = {
  id: 'paypal',
  displayName: 'PayPal',
  category: 'payment',
  authType: 'oauth2',
  description:
    'PayPal checkout, captures and refunds, authenticated with OAuth 2.0 client credentials.',
  docsUrl: 'https://developer.paypal.com/api/rest/',
  defaultBaseUrl: 'https://api-m.paypal.com',
  sandboxBaseUrl: 'https://api-m.sandbox.paypal.com',
  apiVersion: 'v2',
  defaultScopes: [
    'https://uri.paypal.com/services/payments/payment/authcapture',
    'https://uri.paypal.com/services/payments/refund',
  ],
  features: [
    {
      id: 'orders',
      label: 'Checkout orders',
      description:
        'Create, authorize and capture orders with the Orders v2 API.',
    },
    {
      id: 'refunds',
      label: 'Refunds',
      description: 'Refund captured payments with the Payments v2 API.',
    },
    {
      id: 'subscriptions',
      label: 'Subscriptions',
      description: 'Recurring billing plans and subscriptions.',
    },
    {
      id: 'payouts',
      label: 'Payouts',
      description: 'Send batch payouts to PayPal accounts.',
    },
    {
      id: 'webhooks',
      label: 'Webhooks',
      description:
        'Receive event notifications, verified with the verify-webhook-signature API.',
    },
  ],
  defaultFeatures: ['orders', 'refunds', 'webhooks'],
  settingsSchema: settingsObject({
    defaultCurrency: text({
      title: 'Default currency',
      description:
        'Currency of new orders, as an upper-case ISO 4217 code such as USD or EUR.',
    }).regex(
      /^[A-Z]{3}$/,
      'Default currency must be a three-letter ISO 4217 code in capitals, such as USD',
    ),
    intent: oneOf(
      {
        title: 'Payment intent',
        description:
          'CAPTURE takes the money when the buyer approves; AUTHORIZE only holds it.',
      },
      ['CAPTURE', 'AUTHORIZE'],
    ),
    brandName: text({
      title: 'Brand name',
      description: 'Name shown to buyers on the PayPal checkout pages.',
    })
      .max(127, 'Brand name must be at most 127 characters')
      .optional(),
    webhookId: text({
      title: 'Webhook ID',
      description:
        'ID PayPal gave the webhook; required to verify the signature of incoming events.',
    })
      .regex(
        /^[A-Z0-9]+$/,
        'Webhook ID must contain only capital letters and digits',
      )
      .optional(),
  }),
  defaultSettings: {
    defaultCurrency: 'USD',
    intent: 'CAPTURE',
  },
  credentialsSchema: credentialsObject({
    clientId: text({
      title: 'Client ID',
      description: 'From the REST API app in the PayPal developer dashboard.',
      secret: false,
    }),
    clientSecret: text({ title: 'Client secret', secret: true }),
    accessToken: text({
      title: 'Access token',
      description:
        'Issued by PayPal for the client id and secret; written by the backend, not by hand.',
      secret: true,
    }).optional(),
  }),
  defaultMonitoring: {
    healthCheckInterval: 60,
    alertThresholds: { errorRate: 1, responseTime: 3000, uptime: 99.9 },
  },
  probes: {
    auth: { scheme: 'oauth2' },
    authCheck: {
      operation: 'List the webhooks of the REST app',
      method: 'GET',
      path: '/v1/notifications/webhooks',
      expect: { path: 'webhooks', truthy: true },
    },
    functional: {
      operation: 'List the webhook event types',
      method: 'GET',
      path: '/v1/notifications/webhooks-event-types',
      expect: { path: 'event_types', truthy: true },
    },
    scopes: { from: 'token_response' },
    errorFormat: {
      code: ['name', 'error'],
      message: ['message', 'error_description'],
      documentationUrl: ['information_link'],
      requestIdHeader: 'paypal-debug-id',
    },
    knownErrors: [
      {
        failure: 'auth_invalid',
        explanation:
          'PayPal refused the client id and secret: they belong to another app, or to sandbox while the base URL is live (or the other way round).',
        repairSteps: [
          'Open the PayPal developer dashboard → Apps & Credentials, in the mode that matches the base URL (Sandbox or Live).',
          'Copy the Client ID and show the Secret of the REST app.',
          'Replace both in the Credentials section and run the test again.',
        ],
      },
      {
        failure: 'permission_missing',
        explanation:
          'The REST app is not allowed a feature this integration uses.',
        repairSteps: [
          'In Apps & Credentials → your app → Features, enable the missing features (for example Refunds).',
          'Wait a few minutes for PayPal to issue tokens with the new scopes, then run the test again.',
        ],
      },
    ],
  },
  oauth: {
    tokenUrl: '/v1/oauth2/token',
    grant: 'client_credentials',
    clientAuthentication: 'basic',
  },
};
