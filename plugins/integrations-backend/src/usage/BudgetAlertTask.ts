import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { AlertCondition } from '../alerts/AlertStore';
import { AlertReporter } from '../alerts/AlertService';
import { scheduleGlobalTask } from '../scheduling/scheduleTasks';
import { UsageAnalyticsService } from './UsageAnalyticsService';

/**
 * Raises an alert when a budget reaches its warning or critical share, or
 * is on course to overrun the month: once per budget, month and level. A
 * budget's alerts resolve when it is back within bounds (a larger budget)
 * or the month is over.
 */
export class BudgetAlertTask {
  constructor(
    private readonly options: {
      analytics: UsageAnalyticsService;
      alerts: AlertReporter;
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
    const exceeded = (await this.options.analytics.budgets()).filter(
      budget => budget.status !== 'ok',
    );
    const budgetKey = (budget: (typeof exceeded)[number]) =>
      `budget:${budget.scope}:${budget.name}:${month}`;
    const firing: AlertCondition[] = exceeded.map(budget => {
      const who = `The ${budget.scope} budget of ${budget.name}`;
      const amount = (value: number) =>
        `${value.toFixed(2)} ${budget.currency}`;
      const overrun = budget.percentUsed < budget.warningPercent;
      return {
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
        dedupeKey: `${budgetKey(budget)}:${
          overrun ? 'projected' : budget.status
        }`,
      };
    });
    const overBudget = new Set(exceeded.map(budgetKey));
    const { raised } = await this.options.alerts.report({
      types: ['budget'],
      firing,
      // An earlier level of this month holds while the budget is still exceeded.
      stillFiring: alert =>
        overBudget.has(
          alert.dedupeKey.slice(0, alert.dedupeKey.lastIndexOf(':')),
        ),
      // Spending does not flap: one check within bounds resolves.
      resolveAfterChecks: 1,
    });
    if (raised.length > 0) {
      this.options.logger.info(`Raised ${raised.length} budget alert(s)`);
    }
    return raised.length;
  }
}
