import { AuditLogEntry } from '@internal/plugin-integrations-common';
import { stringify } from 'csv-stringify/sync';

/** The audit log as CSV, one row per entry (`count`: the uses an hourly row stands for, else 1), for spreadsheets. */
export function auditCsv(items: AuditLogEntry[]): string {
  return stringify(
    items.map(entry => ({
      timestamp: entry.timestamp,
      eventId: entry.eventId,
      userId: entry.userId,
      integration: entry.integration,
      environment: entry.environment ?? '',
      action: entry.action,
      count: entry.count ?? 1,
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
        'count',
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
