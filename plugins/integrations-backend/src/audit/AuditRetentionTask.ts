import {
  LoggerService,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { AuditStore } from './AuditStore';
import { auditRecord } from './auditRecords';
import { scheduleGlobalTask } from '../scheduling/scheduleTasks';

/** Who the audit log names for the removal of old rows. */
export const AUDIT_RETENTION_ACTOR = 'task:integrations-audit-retention';

const DAY_MS = 86_400_000;
const DEFAULT_RETENTION_DAYS = 365;
/** The database refuses to delete younger rows whatever the setting says. */
export const MINIMUM_RETENTION_DAYS = 30;

/**
 * Removes audit rows older than `integrations.audit.retentionDays`, through
 * the one path the database lets delete, and records what it removed.
 */
export class AuditRetentionTask {
  private readonly audit: Pick<AuditStore, 'removeOlderThan'>;
  private readonly retentionDays: number;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  /** Reads the retention; refuses to start with one under the minimum. */
  static retentionDaysFromConfig(config: RootConfigService): number {
    const key = 'integrations.audit.retentionDays';
    const days = config.getOptionalNumber(key) ?? DEFAULT_RETENTION_DAYS;
    if (!Number.isInteger(days) || days < MINIMUM_RETENTION_DAYS) {
      throw new Error(
        `${key} must be a whole number of days, at least ${MINIMUM_RETENTION_DAYS}; it is ${days}`,
      );
    }
    return days;
  }

  constructor(options: {
    audit: Pick<AuditStore, 'removeOlderThan'>;
    retentionDays: number;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.audit = options.audit;
    this.retentionDays = options.retentionDays;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduleGlobalTask(scheduler, schedule, {
      id: 'integrations-audit-retention',
      failure: 'Audit retention failed',
      run: () => this.removeExpired(),
    });
  }

  /** Removes the rows past the retention; returns how many. */
  async removeExpired(): Promise<number> {
    const now = this.now();
    const before = new Date(now.getTime() - this.retentionDays * DAY_MS);
    const removed = await this.audit.removeOlderThan(before, count =>
      auditRecord({ userRef: AUDIT_RETENTION_ACTOR }, now, {
        action: 'audit_retention',
        category: 'operations',
        integration: '*',
        details: {
          changedFields: [],
          removedRows: count,
          olderThan: before.toISOString(),
          retentionDays: this.retentionDays,
        },
      }),
    );
    this.logger.info(
      `Audit retention removed ${removed} rows older than ${before.toISOString()}`,
    );
    return removed;
  }
}
