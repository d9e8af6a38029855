import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  AutomatedFixKind,
  FAILURE_CLASSES,
  FailureClass,
  IntegrationConfig,
  ProviderDefinition,
  getProvider,
} from '@internal/plugin-integrations-common';
import { ConfigStore } from '../configuration/ConfigStore';
import { knownErrorOf } from '../connectionTests/classifyFailure';
import { ErrorGroupStore } from './ErrorGroupStore';
import { StoredErrorGroup } from './errorRows';

/** Who runs a fix that runs by itself, in histories and the audit log. */
export const AUTOMATED_FIX_ACTOR = 'task:integrations-automated-fix';

/** A fix runs at most this often per group, however many events arrive. */
export const AUTOMATED_FIX_INTERVAL_MINUTES = 15;

/** What each fix does, given the configuration; each says what it did. */
export type AutomatedFixes = Record<
  AutomatedFixKind,
  (config: IntegrationConfig, actor: string) => Promise<string>
>;

/** The fix of each failure class, where the provider names none of its own. */
const FIX_OF_CLASS: Partial<Record<FailureClass, AutomatedFixKind>> = {
  auth_expired: 'refresh_token',
  auth_invalid: 'pause_checks',
  not_configured: 'pause_checks',
  rate_limited: 'raise_rate_limit_buffer',
  timeout: 'rerun_test',
  provider_error: 'rerun_test',
  connection_refused: 'rerun_test',
  connection_closed: 'rerun_test',
};

/** The fix that suits an error, if any: refreshing needs an OAuth provider. */
export function automatedFixFor(
  provider: ProviderDefinition | undefined,
  errorType: string,
  providerCode: string | undefined,
): AutomatedFixKind | undefined {
  if (!(FAILURE_CLASSES as readonly string[]).includes(errorType)) {
    return undefined;
  }
  const failure = errorType as FailureClass;
  const fix =
    knownErrorOf(provider, failure, providerCode)?.automatedFix ??
    FIX_OF_CLASS[failure];
  if (fix === 'refresh_token' && provider?.oauth?.grant !== 'refresh_token') {
    return 'rerun_test';
  }
  return fix;
}

/** A fix in words, for histories and pages. */
export const FIX_LABELS: Record<AutomatedFixKind, string> = {
  refresh_token: 'Refresh the OAuth access token',
  rerun_test: 'Run the connection test again',
  pause_checks: 'Pause the health checks',
  raise_rate_limit_buffer: 'Raise the rate-limit buffer by 10 points',
};

/**
 * Opt-in fixes of error groups: run by hand, or by themselves with a new
 * event once an admin turned them on. Each run is in the group's history;
 * what the fix changes is audited where it changes it (the paused checks,
 * the configuration version, the credential use).
 */
export class AutomatedFixService {
  private readonly groups: ErrorGroupStore;
  private readonly configs: ConfigStore;
  private readonly fixes: () => AutomatedFixes;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    groups: ErrorGroupStore;
    configs: ConfigStore;
    /**
     * The fixes act through services that are built after error capture
     * (health checks feed it), so they are looked up when a fix runs.
     */
    fixes: () => AutomatedFixes;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.groups = options.groups;
    this.configs = options.configs;
    this.fixes = options.fixes;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /** Runs the group's fix if it is on and has not run lately. */
  async onArrival(group: StoredErrorGroup): Promise<void> {
    const { enabled, lastRunAt } = group.automatedFix;
    const due =
      !lastRunAt ||
      this.now().getTime() - Date.parse(lastRunAt) >=
        AUTOMATED_FIX_INTERVAL_MINUTES * 60_000;
    if (!enabled || !due || group.status === 'false_positive') {
      return;
    }
    try {
      await this.run(group, AUTOMATED_FIX_ACTOR);
    } catch (error) {
      this.logger.warn(
        `The automated fix of error group ${group.id} failed: ${
          error instanceof Error ? error.message : error
        }`,
      );
    }
  }

  /** The group's configuration and the fix that suits it; a 409 when none does. */
  async fixOf(
    group: StoredErrorGroup,
  ): Promise<{ config: IntegrationConfig; kind: AutomatedFixKind }> {
    const [config] = await this.configs.getConfigs(
      group.integration,
      group.environment,
    );
    const kind = automatedFixFor(
      getProvider(config?.provider ?? ''),
      group.errorType,
      group.providerCode,
    );
    if (!config || !kind) {
      throw new ConflictError(
        `No automated fix suits ${group.errorType} errors of ${group.integration}`,
      );
    }
    return { config, kind };
  }

  /** Runs the fix that suits the group now, and records what it did. */
  async run(group: StoredErrorGroup, actor: string): Promise<StoredErrorGroup> {
    const { config, kind } = await this.fixOf(group);
    const at = this.now();
    let outcome: string;
    try {
      outcome = await this.fixes()[kind](config, actor);
    } catch (error) {
      outcome = `failed: ${error instanceof Error ? error.message : error}`;
    }
    return this.groups.change(
      group.id,
      {
        set: { automated_fix_last_run_at: at },
        history: {
          actor,
          action: 'automated_fix',
          details: `${FIX_LABELS[kind]}: ${outcome}`,
        },
      },
      at,
    );
  }
}
