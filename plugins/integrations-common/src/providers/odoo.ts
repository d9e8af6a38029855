import { ProviderDefinition } from './types';
import {
  credentialsObject,
  oneOf,
  settingsObject,
  text,
  wholeNumber,
} from './fields';

/** Odoo record IDs are PostgreSQL integer columns. */
const maxRecordId = 2147483647;

export const odooProvider: ProviderDefinition = {
  id: 'odoo',
  displayName: 'Odoo CRM',
  category: 'crm',
  authType: 'basic_auth',
  description:
    'Leads, opportunities and contacts in the company’s Odoo, over JSON-RPC.',
  docsUrl:
    'https://www.odoo.com/documentation/18.0/developer/reference/external_api.html',
  defaultBaseUrl: 'https://yourcompany.odoo.com',
  defaultScopes: [],
  features: [
    {
      id: 'leads',
      label: 'Leads and opportunities',
      description:
        'Create and update CRM leads and move opportunities through stages.',
    },
    {
      id: 'contacts',
      label: 'Contacts',
      description: 'Find and update companies and people.',
    },
    {
      id: 'activities',
      label: 'Activities',
      description: 'Schedule calls, meetings and to-dos on records.',
    },
    {
      id: 'sales_orders',
      label: 'Quotations and sales orders',
      description: 'Read quotations and confirmed sales orders.',
    },
  ],
  defaultFeatures: ['leads', 'contacts'],
  settingsSchema: settingsObject({
    database: text({
      title: 'Database',
      description:
        'Name of the Odoo database to sign in to; on Odoo Online it is usually the subdomain.',
    })
      .regex(
        /^[A-Za-z0-9_.-]+$/,
        'Database must contain only letters, digits, _, . or -',
      )
      .optional(),
    leadType: oneOf(
      {
        title: 'New records are',
        description:
          'Whether records created from the portal start as leads or opportunities.',
      },
      ['lead', 'opportunity'],
    ),
    salesTeamId: wholeNumber(
      {
        title: 'Sales team ID',
        description: 'Sales team new leads are assigned to.',
      },
      1,
      maxRecordId,
    ).optional(),
    companyId: wholeNumber(
      {
        title: 'Company ID',
        description: 'Company to work in when the database has several.',
      },
      1,
      maxRecordId,
    ).optional(),
  }),
  defaultSettings: {
    leadType: 'lead',
  },
  credentialsSchema: credentialsObject({
    username: text({
      title: 'Username',
      description: 'Login of the Odoo user, usually an email address.',
      secret: false,
    }),
    apiKey: text({
      title: 'API key or password',
      description:
        'An API key from the user’s Account Security settings, or the password.',
      secret: true,
    }),
  }),
  defaultMonitoring: {
    healthCheckInterval: 300,
    alertThresholds: { errorRate: 2, responseTime: 3000, uptime: 99.5 },
  },
  probes: {
    auth: { scheme: 'in_request' },
    authCheck: {
      operation: 'Log in over JSON-RPC (common.authenticate)',
      method: 'POST',
      path: '/jsonrpc',
      jsonBody: {
        jsonrpc: '2.0',
        method: 'call',
        params: {
          service: 'common',
          method: 'authenticate',
          args: [
            '{settings.database}',
            '{credentials.username}',
            '{credentials.apiKey}',
            {},
          ],
        },
        id: 1,
      },
      expect: { path: 'result', truthy: true },
    },
    functional: {
      operation: 'Read the server version (common.version)',
      method: 'POST',
      path: '/jsonrpc',
      jsonBody: {
        jsonrpc: '2.0',
        method: 'call',
        params: { service: 'common', method: 'version', args: [] },
        id: 2,
      },
      expect: { path: 'result.server_version', truthy: true },
    },
    // JSON-RPC faults name the Odoo exception in error.data.name.
    errorFormat: {
      code: ['error.data.name', 'error.code'],
      message: ['error.data.message', 'error.message'],
    },
    knownErrors: [
      {
        failure: 'auth_invalid',
        match: { bodyIncludes: 'AccessDenied' },
        explanation:
          'Odoo refused the login: wrong user, wrong database, or an API key that was revoked.',
        repairSteps: [
          'Check the database name in Settings (Odoo → Settings → Database name, or the subdomain on Odoo Online).',
          'In Odoo → Preferences → Account Security → API Keys, create a new key for the integration user.',
          'Replace username and API key in the Credentials section and run the test again.',
        ],
      },
      {
        failure: 'auth_invalid',
        match: { bodyIncludes: '"result":false' },
        explanation:
          'Odoo answered the login with false: the user, the API key or the database name is wrong.',
        repairSteps: [
          'Check the database name in Settings (on Odoo Online it is the subdomain).',
          'Check that the username is the login (usually an email address) of an active user.',
          'Create a new API key under Preferences → Account Security and replace it in Credentials.',
        ],
      },
      {
        failure: 'bad_response',
        explanation:
          'The answer is not Odoo JSON-RPC: the base URL may point at a web page or a proxy instead of the Odoo server.',
        repairSteps: [
          'Set the base URL to the root of the Odoo instance, e.g. https://yourcompany.odoo.com, without /web.',
        ],
      },
    ],
  },
};
