import { RootConfigService } from '@backstage/backend-plugin-api';
import {
  Environment,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { JsonAnswer } from '../http/jsonAnswer';
import { SharedAnswers } from '../http/SharedAnswers';

const MINUTE_MS = 60_000;
const CACHE_SECONDS_KEY = 'integrations.usage.analyticsCacheSeconds';
/** The rollup task changes the rollups about once a minute. */
export const DEFAULT_ANALYTICS_CACHE_SECONDS = 30;

const cacheSecondsSchema = z
  .number()
  .int()
  .min(0)
  .max(3600)
  .default(DEFAULT_ANALYTICS_CACHE_SECONDS);

/**
 * The usage analytics answers shared between callers, kept for
 * `integrations.usage.analyticsCacheSeconds`; a bad value stops the start.
 */
export function analyticsAnswersFromConfig(
  config: RootConfigService,
): SharedAnswers<JsonAnswer> {
  const result = cacheSecondsSchema.safeParse(
    config.getOptionalNumber(CACHE_SECONDS_KEY),
  );
  if (!result.success) {
    throw new Error(
      `${CACHE_SECONDS_KEY} must be a whole number of seconds from 0 to 3600: ${result.error.issues[0].message}`,
    );
  }
  return new SharedAnswers<JsonAnswer>({ ttlMs: result.data * 1000 });
}

/**
 * The period asked, widened to whole minutes: `from` down, `to` (now unless
 * given) up. The rollups hold a minute at best, so the answer barely
 * changes, and everyone opening the page in the same minute asks the same
 * question and shares one answer.
 */
export function wholeMinutesOf(
  query: { from?: string; to?: string },
  now: Date,
): { from?: string; to: string } {
  const to = new Date(
    Math.ceil((query.to ? Date.parse(query.to) : now.getTime()) / MINUTE_MS) *
      MINUTE_MS,
  );
  return {
    ...(query.from
      ? {
          from: new Date(
            Math.floor(Date.parse(query.from) / MINUTE_MS) * MINUTE_MS,
          ).toISOString(),
        }
      : {}),
    to: to.toISOString(),
  };
}

/**
 * What a usage answer depends on: the question and the configurations the
 * caller may read, each as it is now (its version changes with every edit),
 * so callers with different permissions never share an answer.
 */
export function analyticsKeyOf(
  question: {
    environment: Environment;
    integration?: string;
    from?: string;
    to: string;
  },
  readable: IntegrationConfig[],
): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        question.environment,
        question.integration ?? null,
        question.from ?? null,
        question.to,
        readable.map(config => [
          config.name,
          config.environment,
          config.metadata.version,
          config.metadata.lastUpdated,
        ]),
      ]),
    )
    .digest('base64url');
}
