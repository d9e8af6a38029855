import {
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEventTypeDescriptor,
} from '@internal/plugin-integrations-common';

export const ENDPOINT_ID = '4b7f0c52-3e1a-4c8e-9d2f-6a1b2c3d4e5f';

/** Stripe's billing endpoint, active, subscribed to alerts, with a few deliveries. */
export function webhookEndpoint(
  overrides: Partial<WebhookEndpoint> = {},
): WebhookEndpoint {
  return {
    id: ENDPOINT_ID,
    integration: 'stripe',
    name: 'Billing alerts',
    url: 'https://billing.example.com/hooks',
    events: ['alert.raised'],
    environments: ['development', 'staging', 'production'],
    active: true,
    status: 'active',
    security: {
      signatureHeader: 'webhook-signature',
      secretKey: 'whsec_…a1b2',
      verificationRequired: true,
    },
    deliverySettings: {
      timeout: 15000,
      retryAttempts: 7,
      retryDelaySeconds: 5,
      maxRetryDelay: 36000,
      ordered: false,
    },
    statistics: {
      totalDeliveries: 10,
      successfulDeliveries: 9,
      failedDeliveries: 1,
      pendingDeliveries: 0,
      successRate: 0.9,
      averageResponseTime: 120,
      p95ResponseTime: 340,
      lastDelivery: new Date(Date.now() - 60_000).toISOString(),
      lastDeliveryStatus: 'delivered',
    },
    metadata: {
      createdAt: '2026-12-01T09:00:00.000Z',
      createdBy: 'user:default/ada',
      lastUpdated: '2026-12-01T09:00:00.000Z',
    },
    ...overrides,
  };
}

/** A failed delivery of an alert to the billing endpoint, without payloads. */
export function webhookDelivery(
  overrides: Partial<WebhookDelivery> = {},
): WebhookDelivery {
  return {
    id: 'd-1',
    webhookEndpointId: ENDPOINT_ID,
    integration: 'stripe',
    environment: 'production',
    event: 'alert.raised',
    eventId: 'msg_1',
    status: 'failed',
    createdAt: new Date(Date.now() - 3_600_000).toISOString(),
    delivery: {
      timestamp: new Date(Date.now() - 3_000_000).toISOString(),
      success: false,
      responseTime: 250,
      httpStatus: 500,
      errorMessage: 'Internal Server Error',
    },
    payload: {},
    retry: {
      attemptNumber: 8,
      maxAttempts: 8,
      retryHistory: [
        {
          attemptNumber: 1,
          timestamp: new Date(Date.now() - 3_600_000).toISOString(),
          success: false,
          responseTime: 250,
          httpStatus: 500,
          errorMessage: 'Internal Server Error',
        },
      ],
    },
    ...overrides,
  };
}

export const EVENT_TYPES: WebhookEventTypeDescriptor[] = [
  {
    type: 'alert.raised',
    title: 'Alert raised',
    description: 'An alert was raised for an integration.',
    schema: { type: 'object' },
    example: { integration: 'stripe', title: 'Error rate above 5 %' },
  },
  {
    type: 'alert.resolved',
    title: 'Alert resolved',
    description: 'An alert cleared.',
    schema: { type: 'object' },
    example: { integration: 'stripe', title: 'Error rate above 5 %' },
  },
];
