import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { IntegrationConfig } from '@internal/plugin-integrations-common';
import { AlertCondition } from '../alerts/AlertStore';
import { AlertReporter } from '../alerts/AlertService';
import { ConfigStore } from '../configuration/ConfigStore';
import { CredentialStore } from './CredentialStore';
import { renewsAccessToken } from '../oauth/OAuthTokenService';
import { scheduleGlobalTask } from '../scheduling/scheduleTasks';

const DAY = 24 * 60 * 60 * 1000;

/** The warnings before a credential expires, latest first. */
const STAGES = [
  { id: 'expired', before: 0, severity: 'critical' },
  { id: '1d', before: DAY, severity: 'critical' },
  { id: '7d', before: 7 * DAY, severity: 'warning' },
] as const;

/**
 * Raises an alert 7 days and 1 day before a credential expires, and when it
 * has expired; each once per credential value and stage, where the
 * configuration has credential expiry alerts enabled. The alerts of a value
 * resolve once it is replaced or its expiry moved out of the week.
 */
export class CredentialExpiryTask {
  constructor(
    private readonly options: {
      configs: ConfigStore;
      credentials: CredentialStore;
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
      id: 'integrations-credential-expiry',
      failure: 'Credential expiry check failed',
      run: () => this.check(),
    });
  }

  /** Returns how many new alerts were raised. */
  async check(): Promise<number> {
    const { configs, credentials, logger } = this.options;
    const now = this.options.now?.() ?? new Date();
    const expiring = await credentials.listExpiringBefore(
      new Date(now.getTime() + 7 * DAY),
    );
    const configOf = async (credential: (typeof expiring)[number]) => {
      const [config] = await configs.getConfigs(
        credential.integration,
        credential.environment,
      );
      return config;
    };
    // Access tokens the refresh task renews expire by design, every hour for
    // some providers; a failed refresh is reported as a failed check instead.
    const renewed = async (
      credential: (typeof expiring)[number],
      config: IntegrationConfig,
    ) => {
      if (credential.field !== 'accessToken') {
        return false;
      }
      const stored = await credentials.list(
        credential.integration,
        credential.environment,
      );
      return renewsAccessToken(
        config,
        stored.some(c => c.field === 'refreshToken'),
      );
    };
    const due: typeof expiring = [];
    for (const credential of expiring) {
      const config = await configOf(credential);
      if (
        !config ||
        (config.monitoringConfig.enabledAlerts.includes('credential_expiry') &&
          !(await renewed(credential, config)))
      ) {
        due.push(credential);
      }
    }
    const valueKey = (credential: (typeof expiring)[number]) =>
      `credential-expiry:${credential.integration}:${credential.environment}:${credential.field}:${credential.fingerprint}`;
    const firing: AlertCondition[] = due.map(credential => {
      const left = Date.parse(credential.expiresAt!) - now.getTime();
      const stage = STAGES.find(s => left <= s.before)!;
      const subject = `${credential.field} of ${credential.integration} (${credential.environment})`;
      return {
        integration: credential.integration,
        environment: credential.environment,
        type: 'credential_expiry',
        severity: stage.severity,
        title:
          stage.id === 'expired'
            ? `The ${subject} has expired`
            : `The ${subject} expires within ${
                stage.id === '1d' ? 'a day' : '7 days'
              }`,
        message: `Expires at ${credential.expiresAt}. Replace it in the integration's Credentials section before then; an expired credential is not used.`,
        dedupeKey: `${valueKey(credential)}:${stage.id}`,
        facts: { field: credential.field, expiresAt: credential.expiresAt },
      };
    });
    const expiringValues = new Set(due.map(valueKey));
    const { raised } = await this.options.alerts.report({
      types: ['credential_expiry'],
      firing,
      // An earlier stage's warning holds while the same value still expires.
      stillFiring: alert =>
        expiringValues.has(
          alert.dedupeKey.slice(0, alert.dedupeKey.lastIndexOf(':')),
        ),
      // A replaced value does not come back: one clear check resolves.
      resolveAfterChecks: 1,
    });
    if (raised.length > 0) {
      logger.info(`Raised ${raised.length} credential expiry alert(s)`);
    }
    return raised.length;
  }
}
