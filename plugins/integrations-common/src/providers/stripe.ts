import { ProviderDefinition } from './types';
import { credentialsObject, settingsObject, text, wholeNumber } from './fields';

export const stripeSecretKey = text({
  title: 'Secret key',
  description:
    'A secret key (sk_…) or, preferably, a restricted key (rk_…) limited to the resources the company uses.',
  secret: true,
}).regex(
  /^(sk|rk)_(live|test)_[A-Za-z0-9]+$/,
  'Secret key must start with sk_live_, sk_test_, rk_live_ or rk_test_',
);

export const stripeWebhookSigningSecret = text({
  title: 'Webhook signing secret',
  description:
    'The whsec_… secret of the webhook endpoint, used to verify the Stripe-Signature header.',
  secret: true,
}).regex(/^whsec_\S+$/, 'Webhook signing secret must start with whsec_');

export const stripeWebhookTolerance = wholeNumber(
  {
    title: 'Webhook tolerance (seconds)',
    description:
      'How old a signed webhook may be before it is refused as a possible replay.',
  },
  60,
  900,
);

export const stripeProvider: ProviderDefinition = {
  id: 'stripe',
  displayName: 'Stripe',
  category: 'payment',
  authType: 'api_key',
  description: 'Card and wallet payments, subscriptions, refunds and payouts.',
  docsUrl: 'https://docs.stripe.com/api',
  defaultBaseUrl: 'https://api.stripe.com',
  apiVersion: '2024-06-20',
  defaultScopes: [],
  features: [
    {
      id: 'payment_intents',
      label: 'Payments',
      description: 'Accept card and wallet payments with PaymentIntents.',
    },
    {
      id: 'subscriptions',
      label: 'Subscriptions',
      description: 'Recurring billing with products, prices and invoices.',
    },
    {
      id: 'refunds',
      label: 'Refunds',
      description: 'Refund charges in full or in part.',
    },
    {
      id: 'payouts',
      label: 'Payouts',
      description: 'Track transfers of the balance to the bank account.',
    },
    {
      id: 'webhooks',
      label: 'Webhooks',
      description: 'Receive events signed with the Stripe-Signature header.',
    },
  ],
  defaultFeatures: ['payment_intents', 'refunds', 'webhooks'],
  settingsSchema: settingsObject({
    accountCountry: text({
      title: 'Account country',
      description:
        'Country of the Stripe account, as an ISO 3166-1 alpha-2 code such as US or DE.',
    }).regex(
      /^[A-Z]{2}$/,
      'Account country must be a two-letter ISO 3166 code in capitals, such as US',
    ),
    defaultCurrency: text({
      title: 'Default currency',
      description:
        'Currency of new charges, as a lower-case ISO 4217 code such as usd or eur.',
    }).regex(
      /^[a-z]{3}$/,
      'Default currency must be a three-letter ISO 4217 code in lower case, such as usd',
    ),
    statementDescriptor: text({
      title: 'Statement descriptor',
      description: "Text shown on customers' card statements.",
    })
      .min(5, 'Statement descriptor must be at least 5 characters')
      .max(22, 'Statement descriptor must be at most 22 characters')
      .regex(
        /^[^<>\\'"*]*$/,
        'Statement descriptor cannot contain < > \\ \' " or *',
      )
      .regex(/[A-Za-z]/, 'Statement descriptor must contain a letter')
      .optional(),
    webhookToleranceSeconds: stripeWebhookTolerance,
  }),
  defaultSettings: {
    accountCountry: 'US',
    defaultCurrency: 'usd',
    webhookToleranceSeconds: 300,
  },
  credentialsSchema: credentialsObject({
    secretKey: stripeSecretKey,
    webhookSigningSecret: stripeWebhookSigningSecret.optional(),
  }),
  defaultMonitoring: {
    healthCheckInterval: 60,
    alertThresholds: { errorRate: 1, responseTime: 2000, uptime: 99.9 },
  },
};
