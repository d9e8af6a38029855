import { z } from 'zod';
import { ProviderDefinition } from './types';
import {
  credentialsObject,
  emailAddress,
  flag,
  settingsObject,
  text,
} from './fields';

export const brevoProvider: ProviderDefinition = {
  id: 'brevo',
  displayName: 'Brevo',
  category: 'communication',
  authType: 'api_key',
  description:
    'Transactional email through the Brevo API or its SMTP relay, plus contact lists and campaigns.',
  docsUrl: 'https://developers.brevo.com/reference',
  defaultBaseUrl: 'https://api.brevo.com/v3',
  apiVersion: 'v3',
  defaultScopes: [],
  features: [
    {
      id: 'transactional_email',
      label: 'Transactional email',
      description: 'Send single emails and templates through the API.',
    },
    {
      id: 'smtp_relay',
      label: 'SMTP relay',
      description: 'Send email from applications that speak SMTP.',
    },
    {
      id: 'contacts',
      label: 'Contacts',
      description: 'Keep contacts and lists in sync.',
    },
    {
      id: 'email_campaigns',
      label: 'Email campaigns',
      description: 'Create and schedule marketing campaigns.',
    },
    {
      id: 'webhooks',
      label: 'Webhooks',
      description: 'Receive delivery, open, bounce and spam events.',
    },
  ],
  defaultFeatures: ['transactional_email', 'webhooks'],
  settingsSchema: settingsObject({
    senderEmail: emailAddress({
      title: 'Sender email',
      description:
        'Default From address; it must be a sender verified in Brevo.',
    }).optional(),
    senderName: text({
      title: 'Sender name',
      description: 'Default From name.',
    })
      .max(70, 'Sender name must be at most 70 characters')
      .optional(),
    replyToEmail: emailAddress({
      title: 'Reply-to email',
      description: 'Where replies go when it is not the sender.',
    }).optional(),
    sandboxMode: flag({
      title: 'Sandbox mode',
      description:
        'Brevo accepts and validates emails but drops them instead of delivering them.',
    }),
    smtpHost: text({
      title: 'SMTP host',
      description: 'Host of the Brevo SMTP relay.',
    }).regex(
      /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/,
      'SMTP host must be a host name such as smtp-relay.brevo.com',
    ),
    smtpPort: z
      .literal([587, 465, 2525], {
        error: 'SMTP port must be 587, 465 or 2525',
      })
      .meta({
        title: 'SMTP port',
        description: '587 and 2525 use STARTTLS, 465 uses TLS from the start.',
      }),
  }),
  defaultSettings: {
    sandboxMode: false,
    smtpHost: 'smtp-relay.brevo.com',
    smtpPort: 587,
  },
  credentialsSchema: credentialsObject({
    apiKey: text({
      title: 'API key',
      description: 'From SMTP & API → API keys in the Brevo account.',
      secret: true,
    }).regex(/^xkeysib-/, 'API key must start with xkeysib-'),
    smtpLogin: text({
      title: 'SMTP login',
      description:
        'Shown next to the SMTP keys, e.g. 8a1b2c001@smtp-brevo.com.',
      secret: false,
    }).optional(),
    smtpPassword: text({
      title: 'SMTP password',
      description: 'An SMTP key (xsmtpsib-…), used as the SMTP password.',
      secret: true,
    })
      .regex(
        /^xsmtpsib-/,
        'SMTP password must be an SMTP key starting with xsmtpsib-',
      )
      .optional(),
  }).refine(
    credentials =>
      credentials.smtpPassword === undefined ||
      credentials.smtpLogin !== undefined,
    {
      path: ['smtpLogin'],
      message: 'SMTP login is required when an SMTP password is set',
    },
  ),
  defaultMonitoring: {
    healthCheckInterval: 120,
    alertThresholds: { errorRate: 2, responseTime: 3000, uptime: 99.5 },
  },
  probes: {
    auth: { scheme: 'header', header: 'api-key', credential: 'apiKey' },
    authCheck: {
      operation: 'Read the account',
      method: 'GET',
      path: '/account',
      expect: { path: 'email', truthy: true },
    },
    functional: {
      operation: 'List the senders',
      method: 'GET',
      path: '/senders',
      expect: { path: 'senders', truthy: true },
    },
    rateLimit: {
      limit: 'x-sib-ratelimit-limit',
      remaining: 'x-sib-ratelimit-remaining',
      reset: 'x-sib-ratelimit-reset',
      resetUnit: 'seconds',
    },
    errorFormat: { code: ['code'], message: ['message'] },
    knownErrors: [
      {
        failure: 'auth_invalid',
        explanation:
          'Brevo does not know this API key: it was deleted, or an SMTP key was pasted where an API key belongs.',
        repairSteps: [
          'Open Brevo → SMTP & API → API keys and generate a new API key (it starts with xkeysib-).',
          'Replace it in Credentials → API key and run the test again.',
        ],
      },
      {
        failure: 'permission_missing',
        explanation:
          'Brevo refused the call from this address: the account restricts API access to authorised IPs.',
        repairSteps: [
          'Open Brevo → Security → Authorised IPs and add the backend’s outbound address, or turn the restriction off.',
          'Run the test again.',
        ],
      },
    ],
  },
};
