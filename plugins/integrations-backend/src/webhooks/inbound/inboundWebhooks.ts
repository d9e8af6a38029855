import {
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import express from 'express';
import { ConfigStore } from '../../configuration/ConfigStore';
import { CredentialService } from '../../credentials/CredentialService';
import { RequestGuard } from '../../permissions/RequestGuard';
import { UsageEventStore } from '../../usage/UsageEventStore';
import { DatabaseInboundDeliveryStore } from './InboundDeliveryStore';
import {
  DEFAULT_INBOUND_RATE_LIMIT,
  InboundRateLimit,
  InboundRateLimiter,
} from './inboundRateLimit';
import {
  InboundRetentionTask,
  inboundRetentionDaysFromConfig,
} from './InboundRetentionTask';
import {
  INBOUND_RECEIVER_AUTH_POLICY,
  addInboundLogRoutes,
  createInboundRouter,
} from './inboundRoutes';
import { InboundWebhookService } from './InboundWebhookService';

/** `integrations.webhooks.inbound.rateLimit`, checked at start-up. */
export function inboundRateLimitFromConfig(
  config: RootConfigService,
): InboundRateLimit {
  const key = 'integrations.webhooks.inbound.rateLimit';
  const section = config.getOptionalConfig(key);
  const limit = {
    perSecond:
      section?.getOptionalNumber('perSecond') ??
      DEFAULT_INBOUND_RATE_LIMIT.perSecond,
    burst:
      section?.getOptionalNumber('burst') ?? DEFAULT_INBOUND_RATE_LIMIT.burst,
  };
  if (
    !(limit.perSecond > 0) ||
    !Number.isInteger(limit.burst) ||
    limit.burst < 1
  ) {
    throw new Error(
      `${key} needs perSecond above 0 and burst a whole number of 1 or more, not ${JSON.stringify(
        limit,
      )}`,
    );
  }
  return limit;
}

/**
 * The inbound webhook receivers as the plugin runs them: the store, the
 * receiving service, the retention task, the unauthenticated receiver's
 * router and the log's routes, with their config read and checked.
 */
export async function createInboundWebhooks(options: {
  config: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  retentionSchedule: SchedulerServiceTaskScheduleDefinition;
  configs: ConfigStore;
  credentials: CredentialService;
  /** Where verified webhooks are published, on `integrations.webhooks.<name>`. */
  events?: EventsService;
  signals?: SignalsService;
  /** Every received webhook counts as one call of its integration. */
  usageEvents?: UsageEventStore;
  logger: LoggerService;
}) {
  const { config, configs } = options;
  const store = await DatabaseInboundDeliveryStore.create({
    database: options.database,
  });
  await new InboundRetentionTask({
    store,
    retentionDays: inboundRetentionDaysFromConfig(config),
  }).start(options.scheduler, options.retentionSchedule);
  const service = new InboundWebhookService({
    configs,
    credentials: options.credentials,
    store,
    rateLimiter: new InboundRateLimiter(inboundRateLimitFromConfig(config)),
    events: options.events,
    signals: options.signals,
    usageEvents: options.usageEvents,
    logger: options.logger,
  });
  return {
    store,
    service,
    /** Mounted ahead of the API router, under {@link authPolicy}. */
    router: createInboundRouter({ service }),
    authPolicy: INBOUND_RECEIVER_AUTH_POLICY,
    /** Adds `GET /webhooks/inbound` to the API router. */
    addLogRoutes: (
      router: express.Router,
      routeOptions: { guard: RequestGuard },
    ) =>
      addInboundLogRoutes(router, {
        guard: routeOptions.guard,
        configs,
        store,
      }),
  };
}
