import { AuditLogEntry } from '@internal/plugin-integrations-common';
import { stringify } from 'csv-stringify/sync';

/** The audit log as CSV, one row per entry, for spreadsheets. */
export function auditCsv(items: AuditLogEntry[]): string {
  return stringify(
    items.map(entry => ({
      timestamp: entry.timestamp,
      eventId: entry.eventId,
      userId: entry.userId,
      integration: entry.integration,
      environment: entry.environment ?? '',
      action: entry.action,
      category: entry.category,
      changedFields: entry.details.changedFields.join(' '),
      version: entry.details.version ?? '',
      outcome: entry.outcome,
      error: entry.error ?? '',
      ip: entry.context.ip ?? '',
      userAgent: entry.context.userAgent ?? '',
    })),
    {
      header: true,
      // Values such as user agents come from requests; a spreadsheet must not run them.
      escape_formulas: true,
      columns: [
        'timestamp',
        'eventId',
        'userId',
        'integration',
        'environment',
        'action',
        'category',
        'changedFields',
        'version',
        'outcome',
        'error',
        'ip',
        'userAgent',
      ],
    },
  );
}
