/**
 * The label of every configuration setting the editor has a field for, by its
 * path in the configuration: what the form shows, and what a diff of two
 * versions names a change by.
 */
export const FIELD_LABELS: Record<string, string> = {
  displayName: 'Display name',
  description: 'Description',
  enabled: 'Enabled',
  owner: 'Owner',
  dependencies: 'Depends on',
  system: 'System',
  'connectionConfig.baseUrl': 'Base URL',
  'connectionConfig.apiVersion': 'API version',
  'connectionConfig.timeout': 'Timeout (ms)',
  'connectionConfig.retryAttempts': 'Retry attempts',
  'connectionConfig.rateLimitBuffer': 'Rate-limit buffer',
  'authConfig.scopes': 'Scopes',
  'authConfig.tokenRefreshSettings': 'Token refresh',
  'authConfig.tokenRefreshSettings.enabled': 'Refresh access tokens',
  'authConfig.tokenRefreshSettings.refreshBeforeExpirySeconds':
    'Refresh before expiry (seconds)',
  'featureConfig.enabledFeatures': 'Enabled features',
  'featureConfig.featureSettings': 'Provider settings',
  'featureConfig.customSettings': 'Custom settings (JSON)',
  'monitoringConfig.healthCheckInterval': 'Health check interval (seconds)',
  'monitoringConfig.alertThresholds.errorRate': 'Error rate alert (%)',
  'monitoringConfig.alertThresholds.responseTime': 'Response time alert (ms)',
  'monitoringConfig.alertThresholds.uptime': 'Uptime alert (%)',
  'monitoringConfig.enabledAlerts': 'Alerts',
  'monitoringConfig.notificationChannels': 'Notification channels',
  'monitoringConfig.runbookUrl': 'Runbook URL',
  'complianceConfig.dataRetentionDays': 'Data retention (days)',
  'complianceConfig.loggingLevel': 'Logging level',
  'complianceConfig.auditEnabled': 'Audit enabled',
  'complianceConfig.encryptionRequired': 'Encryption required',
};

/**
 * The form's label for a changed path: the field's own label, or the label of
 * the nearest field that contains it followed by the rest of the path
 * (`Provider settings › webhookPath`); undefined for a path no field shows.
 */
export function fieldLabel(path: string): string | undefined {
  const parts = path.split('.');
  for (let length = parts.length; length > 0; length--) {
    const label = FIELD_LABELS[parts.slice(0, length).join('.')];
    if (label) {
      const rest = parts.slice(length);
      return rest.length > 0 ? `${label} › ${rest.join('.')}` : label;
    }
  }
  return undefined;
}
