import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Permissions on integrations are about this resource type: one integration's
 * configuration in one environment, so policies can decide by owner and
 * environment.
 *
 * @public
 */
export const RESOURCE_TYPE_INTEGRATION = 'integration';

/** See integrations and their configurations, versions and diffs. @public */
export const integrationReadPermission = createPermission({
  name: 'integrations.integration.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/** Create an integration from a template. @public */
export const integrationCreatePermission = createPermission({
  name: 'integrations.integration.create',
  attributes: { action: 'create' },
});

/** Change an integration's settings, copy into it, roll it back. @public */
export const integrationUpdatePermission = createPermission({
  name: 'integrations.integration.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/** Delete (and restore) an integration. @public */
export const integrationDeletePermission = createPermission({
  name: 'integrations.integration.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/**
 * Set, replace or clear an integration's credentials; separate from, and
 * stricter than, changing its settings. @public
 */
export const integrationCredentialsUpdatePermission = createPermission({
  name: 'integrations.credentials.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/**
 * Run connection tests and diagnostics. Tests decrypt credentials and call
 * the provider, so they are not open to every reader.
 */
export const integrationTestRunPermission = createPermission({
  name: 'integrations.test.run',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/** See the key ring's status and re-wrap credentials under the primary key. @public */
export const keysRotatePermission = createPermission({
  name: 'integrations.keys.rotate',
  attributes: { action: 'update' },
});

/** Read the audit log. @public */
export const auditReadPermission = createPermission({
  name: 'integrations.audit.read',
  attributes: { action: 'read' },
});

/**
 * Download usage analytics (calls, latency, cost) as a CSV or JSON file: the
 * spec's `exportAnalyticsData`. A file leaves the portal, so it is a
 * permission of its own apart from reading; the export holds only the
 * integrations the caller may read. @public
 */
export const analyticsExportPermission = createPermission({
  name: 'integrations.analytics.export',
  attributes: { action: 'read' },
});

/**
 * See an integration's grouped errors, their messages and triage: the spec's
 * `viewAllErrors`. Request and response bodies need
 * {@link errorSensitiveDataPermission} as well. @public
 */
export const errorReadPermission = createPermission({
  name: 'integrations.errors.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/**
 * Triage an integration's errors: status, resolution, snooze and severity:
 * the spec's `resolveErrors`. @public
 */
export const errorResolvePermission = createPermission({
  name: 'integrations.errors.resolve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/**
 * Change how an integration's errors group: merge and unmerge groups: the
 * spec's `modifyErrorCategories`. @public
 */
export const errorCategorizePermission = createPermission({
  name: 'integrations.errors.categorize',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/**
 * Read the (redacted) request and response of an error: the spec's
 * `accessSensitiveErrorData`. Bodies can hold customer data even with every
 * secret removed. @public
 */
export const errorSensitiveDataPermission = createPermission({
  name: 'integrations.errors.sensitive.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/**
 * Turn an error signature's automated fix on or off and run it: the spec's
 * `manageAutomatedFixes`. A fix acts on the integration (refreshes a token,
 * pauses it), so it is as strong as changing it. @public
 */
export const errorAutomatedFixPermission = createPermission({
  name: 'integrations.errors.fixes.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/**
 * See an integration's webhook endpoints, their deliveries (without payloads),
 * the inbound log and the event catalog: the spec's `viewWebhooks`. @public
 */
export const webhookReadPermission = createPermission({
  name: 'integrations.webhooks.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/**
 * Add, edit, pause, delete webhook endpoints of an integration, send test
 * events and publish custom ones: the spec's `createWebhooks`. @public
 */
export const webhookManagePermission = createPermission({
  name: 'integrations.webhooks.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/**
 * Rotate an endpoint's signing secret and change its IP allow-list: the
 * spec's `modifyWebhookSecurity`. @public
 */
export const webhookSecurityPermission = createPermission({
  name: 'integrations.webhooks.security',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/**
 * Read what was sent and answered (headers and bodies of deliveries, bodies
 * of inbound webhooks): the spec's `viewWebhookPayloads`. @public
 */
export const webhookPayloadsReadPermission = createPermission({
  name: 'integrations.webhooks.payloads.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/**
 * Retry a failed delivery, retry failed ones in bulk and replay events to an
 * endpoint: the spec's `retryFailedDeliveries`. @public
 */
export const webhookRetryPermission = createPermission({
  name: 'integrations.webhooks.retry',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_INTEGRATION,
});

/**
 * Every permission of the integrations plugin.
 *
 * @public
 */
export const integrationsPermissions = [
  integrationReadPermission,
  integrationCreatePermission,
  integrationUpdatePermission,
  integrationDeletePermission,
  integrationCredentialsUpdatePermission,
  integrationTestRunPermission,
  keysRotatePermission,
  auditReadPermission,
  analyticsExportPermission,
  errorReadPermission,
  errorResolvePermission,
  errorCategorizePermission,
  errorSensitiveDataPermission,
  errorAutomatedFixPermission,
  webhookReadPermission,
  webhookManagePermission,
  webhookSecurityPermission,
  webhookPayloadsReadPermission,
  webhookRetryPermission,
];
