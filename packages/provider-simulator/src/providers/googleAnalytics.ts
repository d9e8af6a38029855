import { Router } from 'express';
import { ProviderContext, SimulatedProvider } from './types';
import { bearerMatching, jsonBody, OPAQUE_TOKEN } from './http';
import {
  googleApiError,
  googleApiErrors,
  googleApiRateLimit,
} from './googleApiErrors';
import { sendReply } from '../server/reply';

const PROPERTY_ID = /^\d+$/;
const REPORT_DAYS = ['20250601', '20250602', '20250603'];

/** Each dimension's values, one per report row. */
const DIMENSIONS: Record<string, { uiName: string; values: string[] }> = {
  date: { uiName: 'Date', values: REPORT_DAYS },
  country: {
    uiName: 'Country',
    values: ['United States', 'Germany', 'France'],
  },
  deviceCategory: {
    uiName: 'Device category',
    values: ['desktop', 'mobile', 'tablet'],
  },
  sessionSource: {
    uiName: 'Session source',
    values: ['google', '(direct)', 'newsletter'],
  },
};

/** Each metric's type and values, one per report row. */
const METRICS: Record<
  string,
  { uiName: string; type: string; values: string[] }
> = {
  activeUsers: {
    uiName: 'Active users',
    type: 'TYPE_INTEGER',
    values: ['412', '388', '451'],
  },
  sessions: {
    uiName: 'Sessions',
    type: 'TYPE_INTEGER',
    values: ['603', '571', '662'],
  },
  screenPageViews: {
    uiName: 'Views',
    type: 'TYPE_INTEGER',
    values: ['2210', '1984', '2375'],
  },
  totalRevenue: {
    uiName: 'Total revenue',
    type: 'TYPE_CURRENCY',
    values: ['1834.5', '1622.25', '2011.75'],
  },
};

/** The names the report asks for, in order; undefined when the list is malformed. */
function requestedNames(list: unknown): string[] | undefined {
  if (list === undefined) {
    return [];
  }
  if (!Array.isArray(list)) {
    return undefined;
  }
  const names = list.map(item => item?.name);
  return names.every(name => typeof name === 'string') ? names : undefined;
}

function routes(context: ProviderContext): Router {
  const router = Router();
  const spendTokens = tokenMeter(context.now);
  router.use(
    context.requireCredentials(bearerMatching(OPAQUE_TOKEN, context.tokens)),
  );

  router.get('/v1beta/properties/:propertyId/metadata', (req, res, next) => {
    const { propertyId } = req.params;
    if (!PROPERTY_ID.test(propertyId)) {
      next();
      return;
    }
    res.json({
      name: `properties/${propertyId}/metadata`,
      dimensions: Object.entries(DIMENSIONS).map(([apiName, { uiName }]) => ({
        apiName,
        uiName,
      })),
      metrics: Object.entries(METRICS).map(([apiName, { uiName, type }]) => ({
        apiName,
        uiName,
        type,
      })),
    });
  });

  // The method is part of the last path segment, as in `properties/123:runReport`.
  router.post('/v1beta/properties/:target', jsonBody, (req, res, next) => {
    const [propertyId, method] = req.params.target.split(':');
    if (!PROPERTY_ID.test(propertyId) || method !== 'runReport') {
      next();
      return;
    }
    const dimensions = requestedNames(req.body?.dimensions);
    const metrics = requestedNames(req.body?.metrics);
    if (!dimensions || !metrics) {
      sendReply(
        res,
        googleApiError(
          400,
          'dimensions and metrics must be lists of { name }.',
        ),
      );
      return;
    }
    const unknown =
      dimensions.find(name => !Object.hasOwn(DIMENSIONS, name)) ??
      metrics.find(name => !Object.hasOwn(METRICS, name));
    if (unknown) {
      sendReply(
        res,
        googleApiError(
          400,
          `Field ${unknown} is not a valid dimension or metric.`,
        ),
      );
      return;
    }
    const rows = REPORT_DAYS.map((_day, row) => ({
      dimensionValues: dimensions.map(name => ({
        value: DIMENSIONS[name].values[row],
      })),
      metricValues: metrics.map(name => ({ value: METRICS[name].values[row] })),
    }));
    const quota = spendTokens();
    res.json({
      dimensionHeaders: dimensions.map(name => ({ name })),
      metricHeaders: metrics.map(name => ({ name, type: METRICS[name].type })),
      rows,
      rowCount: rows.length,
      metadata: { currencyCode: 'USD', timeZone: 'UTC' },
      // Only when asked for, as the real API does.
      ...(req.body?.returnPropertyQuota === true
        ? { propertyQuota: quota }
        : {}),
      kind: 'analyticsData#runReport',
    });
  });

  return router;
}

/** A standard property's quotas, as the Data API documents them. */
const PROPERTY_QUOTAS = {
  tokensPerDay: 200_000,
  tokensPerHour: 40_000,
  tokensPerProjectPerHour: 14_000,
  concurrentRequests: 10,
  serverErrorsPerProjectPerHour: 10,
  potentiallyThresholdedRequestsPerHour: 120,
};

/** Tokens one small report costs; the real cost grows with rows and dates. */
const TOKENS_PER_REPORT = 10;

/** Token spend per hour and per day, for `propertyQuota`. */
function tokenMeter(now: () => number) {
  const spent = { hour: 0, day: 0, hourStart: 0, dayStart: 0 };
  return () => {
    const hourStart = Math.floor(now() / 3_600_000);
    const dayStart = Math.floor(now() / 86_400_000);
    if (hourStart !== spent.hourStart) {
      Object.assign(spent, { hour: 0, hourStart });
    }
    if (dayStart !== spent.dayStart) {
      Object.assign(spent, { day: 0, dayStart });
    }
    spent.hour += TOKENS_PER_REPORT;
    spent.day += TOKENS_PER_REPORT;
    const quota = (limit: number, consumed: number) => ({
      consumed,
      remaining: Math.max(0, limit - consumed),
    });
    return {
      tokensPerDay: quota(PROPERTY_QUOTAS.tokensPerDay, spent.day),
      tokensPerHour: quota(PROPERTY_QUOTAS.tokensPerHour, spent.hour),
      concurrentRequests: quota(PROPERTY_QUOTAS.concurrentRequests, 0),
      serverErrorsPerProjectPerHour: quota(
        PROPERTY_QUOTAS.serverErrorsPerProjectPerHour,
        0,
      ),
      potentiallyThresholdedRequestsPerHour: quota(
        PROPERTY_QUOTAS.potentiallyThresholdedRequestsPerHour,
        0,
      ),
      tokensPerProjectPerHour: quota(
        PROPERTY_QUOTAS.tokensPerProjectPerHour,
        spent.hour,
      ),
    };
  };
}

export const googleAnalyticsProvider: SimulatedProvider = {
  id: 'google-analytics',
  defaultScopes: ['https://www.googleapis.com/auth/analytics.readonly'],
  rateLimit: googleApiRateLimit,
  errors: googleApiErrors,
  routes,
};
