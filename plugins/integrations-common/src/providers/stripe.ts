import { KnownError } from './probes';
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

/** What Stripe's errors mean, shared by Stripe and Stripe Connect. */
export const stripeKnownErrors: KnownError[] = [
  {
    failure: 'auth_invalid',
    explanation:
      'Stripe refused the secret key: it was rolled or deleted, or it belongs to the other mode (test keys only work in test mode).',
    repairSteps: [
      'Open the Stripe Dashboard → Developers → API keys in the mode this environment uses (sk_test_… for test, sk_live_… for live).',
      'Create a restricted key with Read access to Balance and Customers, or roll the secret key.',
      'Replace it in Credentials → Secret key and run the test again.',
    ],
    preventive: [
      'Use a restricted key per integration, so rolling one key never breaks another service.',
      'Record in the integration notes who owns the key in the Stripe Dashboard.',
    ],
    monitoring: [
      'Keep the health check on: a rolled key fails it within one interval.',
    ],
    documentationUrl: 'https://docs.stripe.com/keys',
  },
  {
    failure: 'permission_missing',
    explanation: 'The restricted key lacks a permission this probe needs.',
    repairSteps: [
      'In Developers → API keys, edit the restricted key and grant Read on Balance and Customers.',
      'Run the test again.',
    ],
  },
  {
    failure: 'rate_limited',
    explanation:
      'Stripe is throttling the account: about 100 read requests per second in live mode and 25 in test mode.',
    repairSteps: [
      'Wait a few seconds and run the test again.',
      'Look for a job that calls Stripe in a tight loop, and add backoff on 429 answers.',
    ],
    preventive: [
      'Call Stripe through the integrations client, which waits before the limit instead of after it.',
      'Spread batch jobs (exports, reconciliations) outside the checkout peak.',
    ],
    monitoring: ['Watch the Stripe rate-limit meter on the Analytics page.'],
    documentationUrl: 'https://docs.stripe.com/rate-limits',
  },
  {
    failure: 'bad_response',
    providerCode: 'card_declined',
    explanation:
      'The card issuer declined the charge: a customer outcome, not a fault of the integration.',
    repairSteps: [
      'Show the customer the decline message and ask for another payment method.',
    ],
    preventive: [
      'Collect card details with Stripe Elements so 3-D Secure runs when the issuer asks for it.',
    ],
    monitoring: [
      'A sudden rise of declines across customers can mean a fraud rule or an issuer outage: compare with the usual rate.',
    ],
    documentationUrl: 'https://docs.stripe.com/declines',
  },
];

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
  probes: {
    auth: { scheme: 'bearer', credential: 'secretKey' },
    authCheck: {
      operation: 'Read the account balance',
      method: 'GET',
      path: '/v1/balance',
      expect: { path: 'object', equals: 'balance' },
    },
    functional: {
      operation: 'List one customer',
      method: 'GET',
      path: '/v1/customers',
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
  inboundWebhooks: {
    scheme: 'stripe',
    secretField: 'webhookSigningSecret',
    toleranceSetting: 'webhookToleranceSeconds',
    defaultToleranceSeconds: 300,
  },
};
