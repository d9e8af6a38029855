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
  }),
  defaultMonitoring: {
    healthCheckInterval: 60,
    alertThresholds: { errorRate: 1, responseTime: 3000, uptime: 99.9 },
  },
};
