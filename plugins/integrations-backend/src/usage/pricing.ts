import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  Environment,
  environmentSchema,
} from '@internal/plugin-integrations-common';
import { z } from 'zod';
import { UsageRollup } from './usageRollup';

const money = z.number().min(0).max(1e9);

const operationSchema = z
  .strictObject({
    /** `METHOD /template`, or `*` for every other operation. */
    endpoint: z.string().min(1).max(320),
    perCall: money.optional(),
    perUnit: money.optional(),
  })
  .refine(rule => rule.perCall !== undefined || rule.perUnit !== undefined, {
    message: 'Give perCall, perUnit or both',
  });

const priceListSchema = z
  .strictObject({
    /** One integration by name, or every integration of a provider. */
    integration: z.string().min(1).optional(),
    provider: z.string().min(1).optional(),
    /** Only calls in this environment cost this (sandboxes are often free). */
    environment: environmentSchema.optional(),
    /** A subscription, charged in full each calendar month. */
    monthly: money.optional(),
    operations: z.array(operationSchema).default([]),
  })
  .refine(list => Boolean(list.integration) !== Boolean(list.provider), {
    message: 'Name either an integration or a provider',
  });

const budgetSchema = z
  .strictObject({
    integration: z.string().min(1).optional(),
    /** A group ref: the integrations the team owns. */
    team: z.string().min(1).optional(),
    monthly: money,
    warningPercent: z.number().min(1).max(1000).default(80),
    criticalPercent: z.number().min(1).max(1000).default(100),
  })
  .refine(budget => Boolean(budget.integration) !== Boolean(budget.team), {
    message: 'Name either an integration or a team',
  })
  .refine(budget => budget.warningPercent <= budget.criticalPercent, {
    message: 'warningPercent must not exceed criticalPercent',
  });

export type PriceList = z.infer<typeof priceListSchema>;
export type Budget = z.infer<typeof budgetSchema>;

/** What the company pays its providers, and what it means to spend. */
export interface Pricing {
  currency: string;
  priceLists: PriceList[];
  budgets: Budget[];
}

/**
 * Reads `integrations.usage.currency`, `.pricing` and `.budgets`; a mistake
 * stops the start with the key that is wrong.
 */
export function pricingFromConfig(config: RootConfigService): Pricing {
  const usage = config.getOptionalConfig('integrations.usage');
  const parse = <T>(schema: z.ZodType<T>, key: string): T[] =>
    (usage?.getOptionalConfigArray(key) ?? []).map((entry, index) => {
      const result = schema.safeParse(entry.get());
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new Error(
          `integrations.usage.${key}[${index}]${
            issue.path.length ? `.${issue.path.join('.')}` : ''
          }: ${issue.message}`,
        );
      }
      return result.data;
    });
  return {
    currency: usage?.getOptionalString('currency') ?? 'EUR',
    priceLists: parse(priceListSchema, 'pricing'),
    budgets: parse(budgetSchema, 'budgets'),
  };
}

/** The price list of one configuration: by its name first, then its provider. */
export function priceListFor(
  pricing: Pricing,
  config: { name: string; provider: string },
  environment: Environment,
): PriceList | undefined {
  const applies = (list: PriceList) =>
    !list.environment || list.environment === environment;
  return (
    pricing.priceLists.find(
      list => list.integration === config.name && applies(list),
    ) ??
    pricing.priceLists.find(
      list => list.provider === config.provider && applies(list),
    )
  );
}

/** What the calls of one rollup cost under a price list. */
export function usageCostOf(
  list: PriceList | undefined,
  rollup: Pick<UsageRollup, 'method' | 'endpoint' | 'calls' | 'units'>,
): number {
  if (!list) {
    return 0;
  }
  const operation = `${rollup.method} ${rollup.endpoint}`;
  const rule =
    list.operations.find(candidate => candidate.endpoint === operation) ??
    list.operations.find(candidate => candidate.endpoint === '*');
  if (!rule) {
    return 0;
  }
  return (
    (rule.perCall ?? 0) * rollup.calls + (rule.perUnit ?? 0) * rollup.units
  );
}

/** The share of a monthly fee that falls in `[from, to)`, month by month. */
export function fixedCostOf(
  list: PriceList | undefined,
  from: Date,
  to: Date,
): number {
  if (!list?.monthly) {
    return 0;
  }
  let cost = 0;
  let cursor = from.getTime();
  while (cursor < to.getTime()) {
    const at = new Date(cursor);
    const monthStart = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
    const monthEnd = Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
    const end = Math.min(monthEnd, to.getTime());
    cost += (list.monthly * (end - cursor)) / (monthEnd - monthStart);
    cursor = end;
  }
  return cost;
}

/** Money rounded to the cent, as people read it. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
