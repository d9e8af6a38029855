import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  FAILURE_CLASS_INFO,
  IntegrationConfig,
  TestRunResult,
  getProvider,
} from '@internal/plugin-integrations-common';
import { randomUUID } from 'node:crypto';
import { ConfigStore } from '../configuration/ConfigStore';
import { CredentialStore } from '../credentials/CredentialStore';
import { CredentialService } from '../credentials/CredentialService';
import { HealthService } from '../health/HealthService';
import {
  OAuthTokenService,
  TokenRefreshError,
  refreshMarginMs,
  renewsAccessToken,
} from './OAuthTokenService';
import { scheduleGlobalTask } from '../scheduling/scheduleTasks';

export const TOKEN_REFRESH_ACTOR = 'task:integrations-token-refresh';

/**
 * Providers revoke refresh tokens left unused for a while; refreshing at
 * least this often keeps them alive.
 */
const MAX_IDLE_MS = 20 * 3_600_000;

/**
 * Refreshes OAuth access tokens before they expire, and at least daily, so
 * calls never go out with an expired token. A failed refresh is recorded as a
 * failed check of the integration.
 */
export class TokenRefreshTask {
  private readonly configs: ConfigStore;
  private readonly credentialStore: CredentialStore;
  private readonly credentials: CredentialService;
  private readonly tokens: OAuthTokenService;
  private readonly health: HealthService;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    configs: ConfigStore;
    credentialStore: CredentialStore;
    credentials: CredentialService;
    tokens: OAuthTokenService;
    health: HealthService;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.configs = options.configs;
    this.credentialStore = options.credentialStore;
    this.credentials = options.credentials;
    this.tokens = options.tokens;
    this.health = options.health;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  async start(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): Promise<void> {
    await scheduleGlobalTask(scheduler, schedule, {
      id: 'integrations-token-refresh',
      failure: 'Token refresh failed',
      run: () => this.refreshDue(),
    });
  }

  /** Refreshes every token that is due; returns what happened. */
  async refreshDue(): Promise<{ refreshed: string[]; failed: string[] }> {
    const { items } = await this.configs.listConfigs(
      { enabled: true },
      { limit: 100_000 },
    );
    const refreshed: string[] = [];
    const failed: string[] = [];
    for (const config of items) {
      // Client-credential tokens are fetched when a call needs one.
      if (getProvider(config.provider)?.oauth?.grant !== 'refresh_token') {
        continue;
      }
      const status = await this.credentialStore.list(
        config.name,
        config.environment,
      );
      const byField = new Map(status.map(c => [c.field, c]));
      if (!renewsAccessToken(config, byField.has('refreshToken'))) {
        continue;
      }
      if (!this.isDue(config, byField.get('accessToken'))) {
        continue;
      }
      const label = `${config.name}:${config.environment}`;
      try {
        const opened = await this.credentials.openForUse(
          config.name,
          config.environment,
          { actor: TOKEN_REFRESH_ACTOR, purpose: 'token refresh' },
        );
        await this.tokens.accessToken(config, opened, {
          actor: TOKEN_REFRESH_ACTOR,
          force: true,
        });
        refreshed.push(label);
      } catch (error) {
        failed.push(label);
        if (error instanceof TokenRefreshError) {
          this.logger.warn(
            `Token refresh of ${label} failed: ${
              FAILURE_CLASS_INFO[error.failure.class].label
            }`,
          );
          await this.health.recordCheck(config, this.failedRun(config, error));
        } else {
          // The vault or the database, not the provider: the others still get refreshed.
          this.logger.error(
            `Token refresh of ${label} could not run: ${
              error instanceof Error ? error.name : 'unknown error'
            }`,
          );
        }
      }
    }
    return { refreshed, failed };
  }

  private isDue(
    config: IntegrationConfig,
    accessToken: { expiresAt?: string; updatedAt: string } | undefined,
  ): boolean {
    if (!accessToken) {
      return true;
    }
    const now = this.now().getTime();
    const margin = refreshMarginMs(config);
    if (
      accessToken.expiresAt &&
      Date.parse(accessToken.expiresAt) - margin <= now
    ) {
      return true;
    }
    return Date.parse(accessToken.updatedAt) + MAX_IDLE_MS <= now;
  }

  private failedRun(
    config: IntegrationConfig,
    error: TokenRefreshError,
  ): TestRunResult {
    const at = this.now().toISOString();
    return {
      id: randomUUID(),
      integration: config.name,
      environment: config.environment,
      suite: 'auth',
      status: 'failed',
      trigger: 'scheduled',
      triggeredBy: TOKEN_REFRESH_ACTOR,
      startedAt: at,
      durationMs: 0,
      steps: [
        {
          id: 'token',
          category: 'authentication',
          name: 'Access token refresh',
          status: 'failed',
          durationMs: 0,
          message: error.failure.providerMessage
            ? `${FAILURE_CLASS_INFO[error.failure.class].label}: ${
                error.failure.providerMessage
              }`
            : FAILURE_CLASS_INFO[error.failure.class].label,
          failure: error.failure,
        },
      ],
      connectivity: {},
      authentication: { credentialsValid: false, tokenValid: false },
      failure: error.failure,
    };
  }
}
