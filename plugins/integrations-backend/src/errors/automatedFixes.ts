import { ConfigurationService } from '../configuration/ConfigurationService';
import { ConnectionTestService } from '../connectionTests/ConnectionTestService';
import { CredentialService } from '../credentials/CredentialService';
import { HealthScheduleService } from '../health/HealthScheduleService';
import { OAuthTokenService } from '../oauth/OAuthTokenService';
import { AutomatedFixes } from './AutomatedFixService';

/** The most of its limits a configuration keeps free after fixes raised it. */
const MAX_RATE_LIMIT_BUFFER = 0.5;
const BUFFER_STEP = 0.1;

/**
 * The fixes, each through the service that owns what it changes, so each is
 * as audited and as checked as the same change made by a person.
 */
export function automatedFixesOver(services: {
  credentials: CredentialService;
  tokens: OAuthTokenService;
  tester: ConnectionTestService;
  schedule: HealthScheduleService;
  configurations: ConfigurationService;
}): AutomatedFixes {
  return {
    refresh_token: async (config, actor) => {
      const opened = await services.credentials.openForUse(
        config.name,
        config.environment,
        { actor, purpose: 'automated fix: token refresh' },
      );
      const token = await services.tokens.accessToken(config, opened, {
        actor,
        force: true,
      });
      return token.refreshed
        ? `a new access token${
            token.expiresAt ? `, valid until ${token.expiresAt}` : ''
          }`
        : 'the stored token is the one to use; nothing to refresh';
    },
    rerun_test: async (config, actor) => {
      const run = await services.tester.run(config, {
        suite: 'quick',
        trigger: 'manual',
        actor,
      });
      return `the quick test ${run.status}${
        run.failure ? ` (${run.failure.class})` : ''
      }`;
    },
    pause_checks: async (config, actor) => {
      await services.schedule.pause(config.name, config.environment, {
        userRef: actor,
      });
      return 'scheduled checks paused until someone resumes them';
    },
    raise_rate_limit_buffer: async (config, actor) => {
      const current = config.connectionConfig.rateLimitBuffer;
      const raised =
        Math.round(
          Math.min(MAX_RATE_LIMIT_BUFFER, current + BUFFER_STEP) * 100,
        ) / 100;
      if (raised <= current) {
        return `the buffer is already ${Math.round(
          current * 100,
        )} %, the most a fix sets`;
      }
      await services.configurations.update(
        config.name,
        config.environment,
        {
          version: config.metadata.version,
          connectionConfig: { rateLimitBuffer: raised },
          notes: 'Raised by the automated fix of a rate-limited error group',
        },
        { dryRun: false },
        { userRef: actor },
      );
      return `from ${Math.round(current * 100)} % to ${Math.round(
        raised * 100,
      )} %`;
    },
  };
}
