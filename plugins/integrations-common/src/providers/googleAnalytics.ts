import { ProviderDefinition } from './types';
import { settingsObject, text, wholeNumber } from './fields';
import { googleKnownErrors, googleOAuthCredentials } from './googleOAuth';

export const googleAnalyticsProvider: ProviderDefinition = {
  id: 'google-analytics',
  displayName: 'Google Analytics 4',
  category: 'analytics',
  authType: 'oauth2',
  description:
    'Traffic and conversion reports of the company’s sites from the GA4 Data API.',
  docsUrl:
    'https://developers.google.com/analytics/devguides/reporting/data/v1',
  defaultBaseUrl: 'https://analyticsdata.googleapis.com/v1beta',
  apiVersion: 'v1beta',
  defaultScopes: ['https://www.googleapis.com/auth/analytics.readonly'],
  features: [
    {
      id: 'reports',
      label: 'Reports',
      description: 'Run reports of dimensions and metrics over a date range.',
    },
    {
      id: 'realtime_reports',
      label: 'Realtime reports',
      description: 'Activity of the last 30 minutes.',
    },
    {
      id: 'pivot_reports',
      label: 'Pivot reports',
      description: 'Reports pivoted on one or more dimensions.',
    },
    {
      id: 'metadata',
      label: 'Metadata',
      description: 'List the dimensions and metrics the property offers.',
    },
  ],
  defaultFeatures: ['reports', 'metadata'],
  settingsSchema: settingsObject({
    propertyId: text({
      title: 'Property ID',
      description:
        'Numeric ID of the GA4 property, from Admin → Property details (not the G- measurement ID).',
    })
      .regex(
        /^\d+$/,
        'Property ID must be the numeric GA4 property ID, such as 123456789, not a G- measurement ID',
      )
      .optional(),
    measurementId: text({
      title: 'Measurement ID',
      description: 'ID of the web data stream, such as G-ABC123XYZ9.',
    })
      .regex(/^G-[A-Z0-9]+$/, 'Measurement ID must look like G-ABC123XYZ9')
      .optional(),
    defaultLookbackDays: wholeNumber(
      {
        title: 'Default period (days)',
        description: 'How many days back reports cover unless asked otherwise.',
      },
      1,
      365,
    ),
  }),
  defaultSettings: {
    defaultLookbackDays: 28,
  },
  credentialsSchema: googleOAuthCredentials,
  defaultMonitoring: {
    healthCheckInterval: 300,
    alertThresholds: { errorRate: 5, responseTime: 5000, uptime: 99 },
  },
  probes: {
    auth: { scheme: 'oauth2' },
    authCheck: {
      operation: 'Read the property metadata',
      method: 'GET',
      path: '/properties/{settings.propertyId}/metadata',
      expect: { path: 'name', truthy: true },
    },
    functional: {
      operation: 'Run a one-day active users report',
      method: 'POST',
      path: '/properties/{settings.propertyId}:runReport',
      jsonBody: {
        dateRanges: [{ startDate: 'yesterday', endDate: 'today' }],
        metrics: [{ name: 'activeUsers' }],
        // The answer then reports the property's token quotas.
        returnPropertyQuota: true,
      },
      expect: { path: 'kind', equals: 'analyticsData#runReport' },
    },
    scopes: { from: 'token_info', path: 'tokeninfo' },
    errorFormat: {
      code: ['error.errors.0.reason', 'error.details.0.reason', 'error.status'],
      message: ['error.message'],
    },
    knownErrors: googleKnownErrors,
  },
  oauth: {
    tokenUrl: 'https://oauth2.googleapis.com/token',
    grant: 'refresh_token',
    clientAuthentication: 'body',
  },
};
