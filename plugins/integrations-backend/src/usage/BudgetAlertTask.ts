import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { Alert, AlertStore } from '../credentials/AlertStore';
import { scheduleGlobalTask } from '../scheduling/scheduleGlobalTask';
import { UsageAnalyticsService } from './UsageAnalyticsService';

/**
 * Raises an alert when a budget reaches its warning or critical share, or
 * is on course to overrun the month: once per budget, month and level.
 */
export class BudgetAlertTask {
  constructor(
    private readonly options: {
      analytics: UsageAnalyticsService;
      alerts: AlertStore;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduleGlobalTask(scheduler, schedule, {
      id: 'integrations-budget-alerts',
      failure: 'Budget check failed',
      run: () => this.run(),
    });
  }

  /** Checks every budget; returns how many alerts were new. */
  async run(): Promise<number> {
    const now = this.options.now?.() ?? new Date();
    const month = now.toISOString().slice(0, 7);
    const alerts: Alert[] = (await this.options.analytics.budgets())
      .filter(budget => budget.status !== 'ok')
      .map(budget => {
        const who = `The ${budget.scope} budget of ${budget.name}`;
        const amount = (value: number) =>
          `${value.toFixed(2)} ${budget.currency}`;
        const overrun = budget.percentUsed < budget.warningPercent;
        return {
          id: randomUUID(),
          // A team's alert sits on what it spends most on.
          integration: budget.integrations[0]?.name ?? budget.name,
          environment: 'production',
          type: 'budget',
          severity: budget.status === 'critical' ? 'critical' : 'warning',
          title: overrun
            ? `${who} will be overrun: ${amount(
                budget.projected,
              )} projected of ${amount(budget.monthly)} a month`
            : `${who} is ${budget.percentUsed} % spent this month`,
          message: `${amount(budget.spent)} of ${amount(
            budget.monthly,
          )} spent in ${month}; ${amount(
            budget.projected,
          )} by the end of the month at this rate.`,
          status: 'open',
          dedupeKey: `budget:${budget.scope}:${budget.name}:${month}:${
            overrun ? 'projected' : budget.status
          }`,
          createdAt: now.toISOString(),
        };
      });
    const raised = await this.options.alerts.raise(alerts);
    if (raised > 0) {
      this.options.logger.info(`Raised ${raised} budget alert(s)`);
    }
    return raised;
  }
}
