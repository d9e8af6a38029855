import {
  BudgetStatus,
  CostAnalysis,
  Environment,
} from '@internal/plugin-integrations-common';
import {
  Pricing,
  cents,
  fixedCostOf,
  priceListFor,
  usageCostOf,
} from './pricing';
import { StoredRollup } from './UsageRollupStore';

/** What cost needs to know of a configuration. */
export interface PricedConfig {
  name: string;
  provider: string;
  owner: string;
  environment: Environment;
}

/** Usage and fixed cost of rollups, under each one's configuration's prices. */
function costOf(
  pricing: Pricing,
  config: PricedConfig,
  rollups: StoredRollup[],
  from: Date,
  to: Date,
) {
  const list = priceListFor(pricing, config, config.environment);
  const usage = rollups.reduce(
    (sum, rollup) => sum + usageCostOf(list, rollup),
    0,
  );
  return { list, usage, fixed: fixedCostOf(list, from, to) };
}

/** One integration's cost over a period, with the period before. */
export function costAnalysisOf(
  pricing: Pricing,
  config: PricedConfig,
  current: StoredRollup[],
  previous: StoredRollup[],
  period: { from: Date; to: Date; previousFrom: Date },
): CostAnalysis {
  const now = costOf(pricing, config, current, period.from, period.to);
  const before = costOf(
    pricing,
    config,
    previous,
    period.previousFrom,
    period.from,
  );
  const operations = new Map<
    string,
    { calls: number; units: number; cost: number }
  >();
  const components = new Map<string | null, { calls: number; cost: number }>();
  for (const rollup of current) {
    const cost = usageCostOf(now.list, rollup);
    const operation = `${rollup.method} ${rollup.endpoint}`;
    const byOperation = operations.get(operation) ?? {
      calls: 0,
      units: 0,
      cost: 0,
    };
    byOperation.calls += rollup.calls;
    byOperation.units += rollup.units;
    byOperation.cost += cost;
    operations.set(operation, byOperation);
    const component = rollup.component ?? null;
    const byComponent = components.get(component) ?? { calls: 0, cost: 0 };
    byComponent.calls += rollup.calls;
    byComponent.cost += cost;
    components.set(component, byComponent);
  }
  return {
    integration: config.name,
    owner: config.owner,
    currency: pricing.currency,
    totalCost: cents(now.usage + now.fixed),
    usageCost: cents(now.usage),
    fixedCost: cents(now.fixed),
    previousPeriodCost: cents(before.usage + before.fixed),
    byOperation: [...operations.entries()]
      .map(([operation, totals]) => ({
        operation,
        ...totals,
        cost: cents(totals.cost),
      }))
      .sort((a, b) => b.cost - a.cost || b.calls - a.calls),
    byComponent: [...components.entries()]
      .map(([component, totals]) => ({
        component,
        calls: totals.calls,
        cost: cents(totals.cost),
      }))
      .sort((a, b) => b.cost - a.cost || b.calls - a.calls),
    priced: Boolean(now.list),
  };
}

/** Total cost per environment of the given configurations' rollups. */
export function costByEnvironmentOf(
  pricing: Pricing,
  configs: PricedConfig[],
  rollups: StoredRollup[],
  from: Date,
  to: Date,
): Record<string, number> {
  const byKey = new Map(
    configs.map(config => [`${config.name}:${config.environment}`, config]),
  );
  const rollupsOf = new Map<string, StoredRollup[]>();
  for (const rollup of rollups) {
    const key = `${rollup.integration}:${rollup.environment}`;
    if (byKey.has(key)) {
      const list = rollupsOf.get(key) ?? [];
      list.push(rollup);
      rollupsOf.set(key, list);
    }
  }
  const totals: Record<string, number> = {};
  for (const [key, config] of byKey) {
    const { usage, fixed } = costOf(
      pricing,
      config,
      rollupsOf.get(key) ?? [],
      from,
      to,
    );
    totals[config.environment] =
      (totals[config.environment] ?? 0) + usage + fixed;
  }
  return Object.fromEntries(
    Object.entries(totals).map(([environment, total]) => [
      environment,
      cents(total),
    ]),
  );
}

/**
 * How far each budget is spent this calendar month (UTC), across every
 * environment, with where the month ends at the rate so far.
 */
export function budgetStatusesOf(
  pricing: Pricing,
  configs: PricedConfig[],
  monthRollups: StoredRollup[],
  now: Date,
): BudgetStatus[] {
  if (!pricing.budgets.length) {
    return [];
  }
  const monthStart = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1),
  );
  const monthEnd = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1),
  );
  const elapsed =
    (now.getTime() - monthStart.getTime()) /
    (monthEnd.getTime() - monthStart.getTime());
  const spend = new Map<string, { usage: number; fixed: number }>();
  const rollupsOf = new Map<string, StoredRollup[]>();
  for (const rollup of monthRollups) {
    const key = `${rollup.integration}:${rollup.environment}`;
    const list = rollupsOf.get(key) ?? [];
    list.push(rollup);
    rollupsOf.set(key, list);
  }
  for (const config of configs) {
    const { list, usage } = costOf(
      pricing,
      config,
      rollupsOf.get(`${config.name}:${config.environment}`) ?? [],
      monthStart,
      monthEnd,
    );
    const total = spend.get(config.name) ?? { usage: 0, fixed: 0 };
    total.usage += usage;
    // A subscription is owed for the whole month from its first day.
    total.fixed += list?.monthly ?? 0;
    spend.set(config.name, total);
  }
  const ownerOf = new Map<string, string>();
  configs
    .filter(config => config.environment === 'production')
    .forEach(config => ownerOf.set(config.name, config.owner));
  configs.forEach(config => {
    if (!ownerOf.has(config.name)) ownerOf.set(config.name, config.owner);
  });

  return pricing.budgets.map(budget => {
    const names = budget.integration
      ? [budget.integration]
      : [...ownerOf.entries()]
          .filter(([, owner]) => owner === budget.team)
          .map(([name]) => name);
    const totals = names.reduce(
      (sum, name) => {
        const one = spend.get(name) ?? { usage: 0, fixed: 0 };
        return { usage: sum.usage + one.usage, fixed: sum.fixed + one.fixed };
      },
      { usage: 0, fixed: 0 },
    );
    const integrations = names
      .map(name => {
        const one = spend.get(name) ?? { usage: 0, fixed: 0 };
        return { name, spent: cents(one.usage + one.fixed) };
      })
      .sort((a, b) => b.spent - a.spent);
    const spent = totals.usage + totals.fixed;
    const projected =
      totals.fixed + (elapsed > 0 ? totals.usage / elapsed : totals.usage);
    const percentUsed = budget.monthly > 0 ? (spent / budget.monthly) * 100 : 0;
    let status: BudgetStatus['status'] = 'ok';
    if (percentUsed >= budget.criticalPercent) {
      status = 'critical';
    } else if (
      percentUsed >= budget.warningPercent ||
      projected > budget.monthly
    ) {
      status = 'warning';
    }
    return {
      scope: budget.integration ? 'integration' : 'team',
      name: (budget.integration ?? budget.team)!,
      currency: pricing.currency,
      monthly: budget.monthly,
      spent: cents(spent),
      projected: cents(projected),
      percentUsed: Math.round(percentUsed * 10) / 10,
      warningPercent: budget.warningPercent,
      criticalPercent: budget.criticalPercent,
      status,
      integrations,
    };
  });
}
