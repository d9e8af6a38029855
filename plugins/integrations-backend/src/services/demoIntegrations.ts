import {
  Environment,
  SettingsPatch,
} from '@internal/plugin-integrations-common';

/** One integration of the demo company, made from its provider's template. */
export interface DemoIntegration {
  template: string;
  name: string;
  displayName?: string;
  owner: string;
  description: string;
  /** Environments where the company has switched this integration off. */
  disabledIn?: Environment[];
  dependencies?: string[];
  settings?: SettingsPatch;
}

/** Acme Shop's integrations: the spec's services, across several categories and teams. */
export const demoIntegrations: DemoIntegration[] = [
  {
    template: 'stripe',
    name: 'stripe',
    owner: 'group:default/payments-team',
    description: 'Card payments and subscriptions for the web shop.',
  },
  {
    template: 'stripe-connect',
    name: 'stripe-connect',
    owner: 'group:default/payments-team',
    description: 'Payouts to marketplace sellers.',
    dependencies: ['stripe'],
    disabledIn: ['staging'],
  },
  {
    template: 'paypal',
    name: 'paypal',
    owner: 'group:default/payments-team',
    description: 'PayPal checkout as an alternative payment method.',
  },
  {
    template: 'brevo',
    name: 'brevo',
    owner: 'group:default/growth-team',
    description: 'Transactional email: receipts, password resets.',
  },
  {
    template: 'telegram',
    name: 'telegram',
    owner: 'group:default/growth-team',
    description: 'Order notifications to the support bot channel.',
  },
  {
    template: 'linkedin',
    name: 'linkedin',
    owner: 'group:default/growth-team',
    description: 'Company page posts for product launches.',
  },
  {
    template: 'twitter',
    name: 'twitter',
    owner: 'group:default/growth-team',
    description: 'Release announcements.',
    disabledIn: ['production'],
  },
  {
    template: 'google-analytics',
    name: 'google-analytics',
    owner: 'group:default/growth-team',
    description: 'Web shop traffic and conversion reports.',
  },
  {
    template: 'github',
    name: 'github',
    owner: 'group:default/platform-team',
    description: 'Repositories, deployments and issue sync.',
  },
  {
    template: 'google-calendar',
    name: 'google-calendar',
    owner: 'group:default/platform-team',
    description: 'Booking slots for customer onboarding calls.',
  },
  {
    template: 'odoo',
    name: 'odoo-crm',
    owner: 'group:default/sales-ops',
    description: 'Leads and customer records.',
    settings: {
      connectionConfig: { baseUrl: 'https://acme.odoo.com' },
    },
  },
  {
    template: 'scoopp',
    name: 'scoopp',
    owner: 'group:default/platform-team',
    description: 'Media storage for product images; being phased in.',
    disabledIn: ['staging', 'production'],
  },
  {
    template: 'generic-http',
    name: 'statuspage',
    displayName: 'Status Page',
    owner: 'group:default/platform-team',
    description: 'Public status page updates during incidents.',
    disabledIn: ['development'],
    settings: {
      connectionConfig: { baseUrl: 'https://api.statuspage.io' },
    },
  },
];
