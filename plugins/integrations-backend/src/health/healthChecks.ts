import {
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { AuditStore } from '../audit/AuditStore';
import { ConfigStore } from '../configuration/ConfigStore';
import { ConnectionTestService } from '../connectionTests/ConnectionTestService';
import { ProbeRunner } from '../connectionTests/ProbeRunner';
import { CredentialService } from '../credentials/CredentialService';
import { CredentialStore } from '../credentials/CredentialStore';
import { SafeHttpClient } from '../network';
import { OAuthTokenService } from '../oauth/OAuthTokenService';
import { RateLimitRecorder } from '../rateLimits/RateLimitRecorder';
import { TokenRefreshTask } from '../oauth/TokenRefreshTask';
import {
  DEFAULT_HEALTH_SCHEDULE,
  DEFAULT_TOKEN_REFRESH_SCHEDULE,
  HEALTH_RETENTION_SCHEDULE,
  scheduleFromConfig,
} from '../scheduling/schedules';
import { DatabaseHealthCheckPauseStore } from './HealthCheckPauseStore';
import { HealthScheduleService } from './HealthScheduleService';
import { HealthCheckTask } from './HealthCheckTask';
import { DatabaseHealthCheckClaimStore } from './HealthCheckClaimStore';
import { HealthHistoryRetentionTask } from './HealthHistoryRetentionTask';
import { HealthService } from './HealthService';
import { HealthStore } from './HealthStore';

/**
 * Connection tests and the checks that run them: the tester (probes through
 * the safe client, with OAuth tokens and rate-limit readings), the schedule
 * admins pause and resume, and `start` for the scheduled work that keeps
 * health current: checks of every enabled configuration at its own
 * interval, OAuth tokens refreshed before they expire (a failed refresh
 * counts as a failed check), and old runs removed.
 */
export async function createHealthChecks(options: {
  config: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  configs: ConfigStore;
  audit: AuditStore;
  healthStore: HealthStore;
  health: HealthService;
  http: SafeHttpClient;
  rateLimits: RateLimitRecorder;
  credentialStore: CredentialStore;
  credentials: CredentialService;
  tokens: OAuthTokenService;
  logger: LoggerService;
}) {
  const { config, scheduler, configs, healthStore, health, logger } = options;
  const tester = new ConnectionTestService({
    configs,
    credentials: options.credentials,
    runner: new ProbeRunner({
      http: options.http,
      tokens: options.tokens,
      rateLimits: options.rateLimits,
    }),
    health,
    logger,
  });
  const pauses = await DatabaseHealthCheckPauseStore.create({
    database: options.database,
  });
  const claims = await DatabaseHealthCheckClaimStore.create({
    database: options.database,
  });
  const schedule = new HealthScheduleService({
    configs,
    audit: options.audit,
    health,
    pauses,
  });
  const start = async () => {
    await new HealthCheckTask({
      configs,
      health: healthStore,
      pauses,
      claims,
      tester,
      logger,
      concurrency:
        config.getOptionalNumber('integrations.health.concurrency') ?? 20,
    }).start(
      scheduler,
      scheduleFromConfig(
        config,
        'integrations.health.schedule',
        DEFAULT_HEALTH_SCHEDULE,
      ),
    );
    await new HealthHistoryRetentionTask({
      health: healthStore,
      runRetentionDays:
        config.getOptionalNumber('integrations.health.runRetentionDays') ?? 14,
    }).start(scheduler, HEALTH_RETENTION_SCHEDULE);
    await new TokenRefreshTask({
      configs,
      credentialStore: options.credentialStore,
      credentials: options.credentials,
      tokens: options.tokens,
      health,
      logger,
    }).start(
      scheduler,
      scheduleFromConfig(
        config,
        'integrations.tokenRefresh.schedule',
        DEFAULT_TOKEN_REFRESH_SCHEDULE,
      ),
    );
  };
  return { tester, schedule, start };
}
