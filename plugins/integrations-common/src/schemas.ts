import { z } from 'zod';
import {
  ALERT_KINDS,
  AUTH_TYPES,
  ENVIRONMENTS,
  INTEGRATION_CATEGORIES,
  LOGGING_LEVELS,
} from './types';
import { TEST_SUITES } from './testing';
import { HEALTH_RANGES } from './health';
import { atMostJsonKeys, boundedJsonObject } from './boundedJson';

/** @public */
export const environmentSchema = z.enum(ENVIRONMENTS);

/** @public */
export const integrationCategorySchema = z.enum(INTEGRATION_CATEGORIES);

/** Integration names: lowercase, digits and dashes, as they appear in URLs. */
export const integrationNameSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'Use lowercase letters, digits and single dashes, e.g. stripe-eu',
  )
  .max(63, 'At most 63 characters');

const groupRefSchema = z
  .string()
  .regex(
    /^group:[a-z0-9._-]+\/[a-z0-9._-]+$/i,
    'Must be a catalog group ref such as group:default/payments-team',
  );

/**
 * A catalog System: its name (`web-shop`) or its ref
 * (`system:default/web-shop`), as `spec.system` of an entity takes it.
 */
export const systemRefSchema = z
  .string()
  .regex(
    /^(system:)?([a-z0-9]+([-_.][a-z0-9]+)*\/)?[a-z0-9]+([-_.][a-z0-9]+)*$/i,
    'Must name a catalog System, e.g. web-shop or system:default/web-shop',
  )
  .max(200, 'At most 200 characters');

const booleanString = z
  .enum(['true', 'false'])
  .transform(value => value === 'true');

const integerString = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max);

/**
 * An address the backend calls: http or https only (the outbound client
 * refuses anything else), and no user name or password in it, since those
 * belong in the credential vault, not in a setting anyone may read.
 */
export const outboundUrlSchema = z
  .url({
    protocol: /^https?$/,
    message: 'Must be an absolute http:// or https:// URL',
  })
  .max(2048, 'At most 2048 characters')
  .refine(url => {
    // A value that is no URL at all is reported by the check above.
    if (!URL.canParse(url)) {
      return true;
    }
    const parsed = new URL(url);
    return !parsed.username && !parsed.password;
  }, 'Must not contain a user name or password; store them in the Credentials section');

/** The parts of a configuration an admin edits, as stored; every field present. */
export const integrationSettingsSchema = z.strictObject({
  displayName: z.string().trim().min(1, 'A display name is required').max(200),
  description: z.string().max(2000).optional(),
  enabled: z.boolean(),
  owner: groupRefSchema,
  dependencies: z.array(integrationNameSchema).max(50),
  system: systemRefSchema.optional(),
  connectionConfig: z.strictObject({
    baseUrl: outboundUrlSchema,
    apiVersion: z.string().max(50).optional(),
    timeout: z
      .number()
      .int()
      .min(100, 'At least 100 ms')
      .max(120_000, 'At most 120000 ms (2 minutes)'),
    retryAttempts: z.number().int().min(0).max(10, 'At most 10 retries'),
    rateLimitBuffer: z
      .number()
      .min(0, 'Between 0 and 1')
      .max(0.9, 'At most 0.9, or no calls would be left'),
  }),
  authConfig: z.strictObject({
    type: z.enum(AUTH_TYPES),
    scopes: z.array(z.string().min(1)).max(100),
    tokenUrl: outboundUrlSchema.optional(),
    tokenRefreshSettings: z
      .strictObject({
        enabled: z.boolean(),
        refreshBeforeExpirySeconds: z.number().int().min(30).max(86_400),
      })
      .optional(),
  }),
  featureConfig: z.strictObject({
    enabledFeatures: z.array(z.string().min(1)),
    featureSettings: boundedJsonObject(),
    customSettings: boundedJsonObject(),
  }),
  monitoringConfig: z.strictObject({
    healthCheckInterval: z
      .number()
      .int()
      .min(30, 'At least 30 seconds')
      .max(86_400, 'At most one day'),
    alertThresholds: z.strictObject({
      errorRate: z
        .number()
        .min(0, 'A percentage, 0 to 100')
        .max(100, 'A percentage, 0 to 100'),
      responseTime: z
        .number()
        .int()
        .min(1, 'At least 1 ms')
        .max(120_000, 'At most 120000 ms'),
      uptime: z
        .number()
        .min(0, 'A percentage, 0 to 100')
        .max(100, 'A percentage, 0 to 100'),
    }),
    enabledAlerts: z.array(z.enum(ALERT_KINDS)),
    notificationChannels: z.array(z.string().min(1)).max(20),
    /**
     * The team's runbook for this integration, linked from its errors and
     * alerts. Empty means none: the form sends what its field holds.
     */
    runbookUrl: z
      .union([
        z.literal(''),
        z
          .url({
            protocol: /^https?$/,
            message:
              'An absolute http:// or https:// URL, e.g. https://wiki.acme.example/runbooks/stripe',
          })
          .max(2048, 'At most 2048 characters'),
      ])
      .optional(),
  }),
  complianceConfig: z.strictObject({
    dataRetentionDays: z
      .number()
      .int()
      .min(1, 'At least 1 day')
      .max(3650, 'At most 10 years'),
    loggingLevel: z.enum(LOGGING_LEVELS),
    auditEnabled: z.boolean(),
    encryptionRequired: z.boolean(),
  }),
});

/** A partial change to settings: any field at any depth may be left out. */
export const settingsPatchSchema = z.strictObject({
  displayName: integrationSettingsSchema.shape.displayName.optional(),
  description: z.string().max(2000).nullable().optional(),
  enabled: z.boolean().optional(),
  owner: groupRefSchema.optional(),
  dependencies: integrationSettingsSchema.shape.dependencies.optional(),
  /** `null` takes the integration out of its System. */
  system: systemRefSchema.nullable().optional(),
  connectionConfig: integrationSettingsSchema.shape.connectionConfig
    .partial()
    .optional(),
  authConfig: integrationSettingsSchema.shape.authConfig.partial().optional(),
  featureConfig: integrationSettingsSchema.shape.featureConfig
    .partial()
    .optional(),
  monitoringConfig: z
    .strictObject({
      ...integrationSettingsSchema.shape.monitoringConfig.shape,
      alertThresholds:
        integrationSettingsSchema.shape.monitoringConfig.shape.alertThresholds.partial(),
    })
    .partial()
    .optional(),
  complianceConfig: integrationSettingsSchema.shape.complianceConfig
    .partial()
    .optional(),
});

/** @public */
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** Query of `GET /configs`. Values arrive as strings. */
export const listConfigsQuerySchema = z.strictObject({
  environment: environmentSchema.optional(),
  category: integrationCategorySchema.optional(),
  enabled: booleanString.optional(),
  owner: z.string().min(1).optional(),
  text: z.string().min(1).max(200).optional(),
  includeDeleted: booleanString.optional(),
  offset: integerString(0, 1_000_000).optional(),
  limit: integerString(1, 500).optional(),
});

/** @public */
export type ListConfigsQuery = z.infer<typeof listConfigsQuerySchema>;

/** Query of `GET /catalog/integrations`: one integration, or all when left out. */
export const catalogIntegrationsQuerySchema = z.strictObject({
  name: integrationNameSchema.optional(),
});

export const environmentQuerySchema = z.strictObject({
  environment: environmentSchema,
});

export const optionalEnvironmentQuerySchema = z.strictObject({
  environment: environmentSchema.optional(),
});

/** Body of `POST /configs`. */
export const createIntegrationRequestSchema = z.strictObject({
  template: z.string().min(1, 'Name the provider template, e.g. stripe'),
  name: integrationNameSchema,
  displayName: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
  owner: groupRefSchema,
  /** Environments to configure; all three when left out. */
  environments: z
    .array(environmentSchema)
    .min(1)
    .refine(list => new Set(list).size === list.length, {
      message: 'Name each environment once',
    })
    .optional(),
  /** Changes to the template's defaults, applied to every environment created. */
  settings: settingsPatchSchema.optional(),
  notes: z.string().max(2000).optional(),
});

/** @public */
export type CreateIntegrationRequest = z.input<
  typeof createIntegrationRequestSchema
>;

/** Body of `PUT /configs/:name?environment=`: the version edited, and the changes. */
export const updateConfigRequestSchema = settingsPatchSchema.extend({
  version: z.number().int().min(1, 'Name the version you edited'),
  notes: z.string().max(2000).optional(),
});

/** @public */
export type UpdateConfigRequest = z.input<typeof updateConfigRequestSchema>;

export const dryRunQuerySchema = z.strictObject({
  environment: environmentSchema,
  dryRun: booleanString.optional(),
});

/** Body of `POST /configs/:name/copy`. */
export const copyConfigRequestSchema = z
  .strictObject({
    from: environmentSchema,
    to: environmentSchema,
    notes: z.string().max(2000).optional(),
  })
  .refine(body => body.from !== body.to, {
    message: 'Copy to another environment',
    path: ['to'],
  });

/** @public */
export type CopyConfigRequest = z.input<typeof copyConfigRequestSchema>;

/** Body of `POST /configs/:name/rollback?environment=`. */
export const rollbackRequestSchema = z.strictObject({
  version: z.number().int().min(1),
  notes: z.string().max(2000).optional(),
});

/** @public */
export type RollbackRequest = z.input<typeof rollbackRequestSchema>;

export const versionParamsSchema = z.strictObject({
  name: integrationNameSchema,
  version: integerString(1, 1_000_000_000),
});

export const diffQuerySchema = z.strictObject({
  environment: environmentSchema,
  from: integerString(1, 1_000_000_000),
  to: integerString(1, 1_000_000_000),
});

/**
 * Body of `POST /bulk-update`: per integration name, the changes. `environment`
 * picks one environment; without it the changes apply to every environment.
 */
export const bulkUpdateRequestSchema = z
  .record(
    integrationNameSchema,
    settingsPatchSchema.extend({
      environment: environmentSchema.optional(),
      version: z.number().int().min(1).optional(),
    }),
  )
  .refine(body => Object.keys(body).length > 0, {
    message: 'Name at least one integration',
  })
  .refine(body => Object.keys(body).length <= 200, {
    message: 'At most 200 integrations at once',
  });

/** @public */
export type BulkUpdateRequest = z.input<typeof bulkUpdateRequestSchema>;

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'restore',
  'copy',
  'rollback',
  'bulk_update',
  'credentials_update',
  'credentials_use',
  'token_refresh',
  'keys_rotate',
  'health_checks_paused',
  'health_checks_resumed',
  'audit_retention',
  'usage_export',
  'error_triage',
  'alert_acknowledge',
  'incident_resolve',
  'webhook_create',
  'webhook_update',
  'webhook_delete',
  'webhook_secret_rotate',
  'webhook_retry',
  'webhook_replay',
  'webhook_test',
  'webhook_event_publish',
] as const;

export const AUDIT_CATEGORIES = [
  'configuration',
  'credentials',
  'access',
  'operations',
] as const;

export const auditQuerySchema = z.strictObject({
  integration: integrationNameSchema.optional(),
  user: z.string().min(1).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** Leaves one action out, e.g. the credential uses of every health check. */
  excludeAction: z.enum(AUDIT_ACTIONS).optional(),
  category: z.enum(AUDIT_CATEGORIES).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  format: z.enum(['json', 'csv']).optional(),
  offset: integerString(0, 1_000_000).optional(),
  limit: integerString(1, 1000).optional(),
});

/** @public */
export type AuditQuery = z.infer<typeof auditQuerySchema>;

const isoDateTime = z.iso.datetime({
  offset: true,
  message: 'An ISO 8601 date and time, e.g. 2027-01-31T00:00:00Z',
});

/**
 * Body of `PUT /:name/credentials?environment=`. Values are write-only: a
 * string sets a field, `null` clears it, a field left out stays as it is.
 * `expiresAt` sets or (with `null`) removes a field's expiry.
 */
export const updateCredentialsRequestSchema = z
  .strictObject({
    credentials: z
      .record(z.string().min(1), z.string().min(1).max(65_536).nullable())
      .refine(...atMostJsonKeys)
      .optional(),
    expiresAt: z
      .record(z.string().min(1), isoDateTime.nullable())
      .refine(...atMostJsonKeys)
      .optional(),
  })
  .refine(
    body =>
      Object.keys(body.credentials ?? {}).length +
        Object.keys(body.expiresAt ?? {}).length >
      0,
    { message: 'Name at least one credential field to change' },
  );

/** @public */
export type UpdateCredentialsRequest = z.infer<
  typeof updateCredentialsRequestSchema
>;

/** Body of `POST /:name/diagnostics?environment=`. */
export const diagnosticsRequestSchema = z.strictObject({
  testSuite: z.enum(TEST_SUITES, {
    message: `Must be one of: ${TEST_SUITES.join(', ')}`,
  }),
});

/** @public */
export type DiagnosticsRequest = z.infer<typeof diagnosticsRequestSchema>;

/**
 * Body of `POST /bulk-test`: integrations by name (in `environment`) or as
 * `{ name, environment }` pairs.
 */
export const bulkTestRequestSchema = z.strictObject({
  integrations: z
    .array(
      z.union([
        integrationNameSchema,
        z.strictObject({
          name: integrationNameSchema,
          environment: z.enum(ENVIRONMENTS),
        }),
      ]),
    )
    .min(1, 'Name at least one integration')
    .max(100, 'At most 100 integrations per bulk test'),
  environment: z.enum(ENVIRONMENTS).optional(),
  testSuite: z.enum(TEST_SUITES).optional(),
});

/** @public */
export type BulkTestRequest = z.infer<typeof bulkTestRequestSchema>;

export const testRunsQuerySchema = z.strictObject({
  environment: z.enum(ENVIRONMENTS),
  offset: integerString(0, 1_000_000).optional(),
  limit: integerString(1, 200).optional(),
});

export const statusQuerySchema = z.strictObject({
  environment: z.enum(ENVIRONMENTS).optional(),
});

export const healthQuerySchema = z.strictObject({
  integration: integrationNameSchema.optional(),
  environment: z.enum(ENVIRONMENTS).optional(),
});

export const healthHistoryQuerySchema = z.strictObject({
  environment: z.enum(ENVIRONMENTS),
  range: z.enum(HEALTH_RANGES).optional(),
  /** Comma-separated names; all visible integrations when omitted. */
  integrations: z
    .string()
    .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'Comma-separated integration names')
    .optional(),
});
