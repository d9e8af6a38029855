import { ProviderDefinition } from './types';
import {
  credentialsObject,
  oneOf,
  settingsObject,
  text,
  wholeNumber,
} from './fields';
import {
  STANDARD_WEBHOOKS_TOLERANCE_SECONDS,
  webhookSignatureSettings,
} from './inboundWebhooks';

export const genericHttpProvider: ProviderDefinition = {
  id: 'generic-http',
  displayName: 'Generic HTTP API',
  category: 'monitoring',
  authType: 'api_key',
  description: 'Any other HTTP API that takes an API key in a request header.',
  docsUrl: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Authentication',
  defaultBaseUrl: 'https://api.example.com',
  defaultScopes: [],
  features: [
    {
      id: 'health_checks',
      label: 'Health checks',
      description: 'Call the health path on a schedule and record the result.',
    },
    {
      id: 'usage_tracking',
      label: 'Usage tracking',
      description: 'Count calls, errors and latency of the API.',
    },
    {
      id: 'rate_limit_tracking',
      label: 'Rate-limit tracking',
      description: 'Read RateLimit and X-RateLimit response headers.',
    },
  ],
  defaultFeatures: ['health_checks', 'usage_tracking'],
  settingsSchema: settingsObject({
    authHeaderName: text({
      title: 'Auth header name',
      description:
        'Request header that carries the API key, such as Authorization or X-API-Key.',
    }).regex(
      /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/,
      'Auth header name must be an HTTP header name, such as X-API-Key',
    ),
    authScheme: text({
      title: 'Auth scheme',
      description:
        'Word put before the key, such as Bearer; leave empty to send the key alone.',
    })
      .regex(
        /^[A-Za-z][A-Za-z0-9-]*$/,
        'Auth scheme must be a single word such as Bearer',
      )
      .optional(),
    healthPath: text({
      title: 'Health path',
      description: 'Path, relative to the base URL, that health checks call.',
    })
      .regex(/^\/\S*$/, 'Health path must start with / and contain no spaces')
      .refine(
        path => !path.split(/[?#]/)[0].split(/[/\\]/).some(isDotSegment),
        'Health path must stay under the base URL: no . or .. segments',
      ),
    healthMethod: oneOf(
      {
        title: 'Health check method',
        description: 'HTTP method of the health check.',
      },
      ['GET', 'HEAD'],
    ),
    expectedStatus: wholeNumber(
      {
        title: 'Expected status',
        description: 'HTTP status a healthy API answers with.',
      },
      100,
      599,
    ),
    ...webhookSignatureSettings(),
  }),
  defaultSettings: {
    authHeaderName: 'Authorization',
    authScheme: 'Bearer',
    healthPath: '/health',
    healthMethod: 'GET',
    expectedStatus: 200,
  },
  credentialsSchema: credentialsObject({
    apiKey: text({ title: 'API key', secret: true }),
    webhookSecret: text({
      title: 'Webhook secret',
      description:
        'The secret the API signs its webhooks with: whsec_… for Standard Webhooks, any shared secret for HMAC.',
      secret: true,
    }).optional(),
  }),
  defaultMonitoring: {
    healthCheckInterval: 60,
    alertThresholds: { errorRate: 5, responseTime: 3000, uptime: 99 },
  },
  probes: {
    auth: {
      scheme: 'configured_header',
      credential: 'apiKey',
      headerSetting: 'authHeaderName',
      prefixSetting: 'authScheme',
    },
    authCheck: {
      operation: 'Call the health endpoint',
      method: 'GET',
      methodSetting: 'healthMethod',
      path: '{settings.healthPath}',
      okStatusSetting: 'expectedStatus',
    },
    functional: {
      operation: 'Call the health endpoint again',
      method: 'GET',
      methodSetting: 'healthMethod',
      path: '{settings.healthPath}',
      okStatusSetting: 'expectedStatus',
    },
    knownErrors: [],
  },
  inboundWebhooks: {
    scheme: 'standard_webhooks',
    schemeSetting: 'webhookScheme',
    secretField: 'webhookSecret',
    defaultToleranceSeconds: STANDARD_WEBHOOKS_TOLERANCE_SECONDS,
    hmacSettings: {
      header: 'webhookSignatureHeader',
      algorithm: 'webhookHmacAlgorithm',
      encoding: 'webhookSignatureEncoding',
      prefix: 'webhookSignaturePrefix',
      eventIdHeader: 'webhookEventIdHeader',
    },
  },
};

/** `.` or `..`, also percent-encoded, which URLs resolve by climbing. */
function isDotSegment(segment: string): boolean {
  return /^(\.|%2e){1,2}$/i.test(segment);
}
