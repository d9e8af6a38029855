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
};
