import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  Environment,
  FAILURE_CLASS_INFO,
  IntegrationConfig,
  TestFailure,
  TestRunResult,
  TestSuite,
  TestTrigger,
  getProvider,
  requiredCredentialFields,
} from '@internal/plugin-integrations-common';
import { randomUUID } from 'node:crypto';
import { ConfigStore } from '../configuration/ConfigStore';
import { CredentialService } from '../credentials/CredentialService';
import { HealthService } from '../health/HealthService';
import { liveConfiguration } from '../configuration/liveConfiguration';
import { ProbeRunner } from './ProbeRunner';
import { CheckSweep } from './CheckSweep';

/**
 * Runs connection tests and health checks: opens the credentials (recorded
 * as a use), runs the suite's probes, stores the result and updates health.
 */
export class ConnectionTestService {
  private readonly configs: ConfigStore;
  private readonly credentials: CredentialService;
  private readonly runner: ProbeRunner;
  private readonly health: HealthService;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    configs: ConfigStore;
    credentials: CredentialService;
    runner: ProbeRunner;
    health: HealthService;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.configs = options.configs;
    this.credentials = options.credentials;
    this.runner = options.runner;
    this.health = options.health;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Starts a sweep of scheduled checks of these configurations: runs given
   * it read credentials ahead and store their results in batches.
   */
  startSweep(configs: IntegrationConfig[]): CheckSweep {
    return new CheckSweep({
      configs,
      credentials: this.credentials,
      health: this.health,
      logger: this.logger,
    });
  }

  async test(
    name: string,
    environment: Environment,
    options: {
      suite: TestSuite;
      trigger: TestTrigger;
      actor: string;
      signal?: AbortSignal;
    },
  ): Promise<TestRunResult> {
    return this.run(
      await liveConfiguration(this.configs, name, environment),
      options,
    );
  }

  /**
   * Runs a suite against a configuration. Every run counts as a check of the
   * integration's health, so "test now" updates the dashboard at once.
   */
  async run(
    config: IntegrationConfig,
    options: {
      suite: TestSuite;
      trigger: TestTrigger;
      actor: string;
      signal?: AbortSignal;
      /** The sweep this scheduled check belongs to; it stores the result. */
      sweep?: CheckSweep;
    },
  ): Promise<TestRunResult> {
    const provider = getProvider(config.provider);
    if (!provider) {
      throw new ConflictError(
        `${config.name} uses the unknown provider ${config.provider}`,
      );
    }
    const startedAt = this.now();
    const started = performance.now();
    const credentials = await this.credentials.openForUse(
      config.name,
      config.environment,
      {
        actor: options.actor,
        purpose:
          options.trigger === 'scheduled'
            ? 'health check'
            : `${options.suite} test`,
        ...(options.sweep
          ? {
              stored: await options.sweep.storedCredentials(config),
              recordWithResult: options.sweep.recordUse.bind(options.sweep),
            }
          : {}),
      },
    );
    const missing = requiredCredentialFields(provider).filter(
      field => !(field in credentials.updatedAt),
    );
    if (missing.length > 0) {
      // Not configured is no failure of the provider: nothing is sent, and
      // the integration's health is left as it is.
      return this.notConfiguredRun(config, options, startedAt, missing);
    }
    const outcome = await this.runner.run({
      config,
      provider,
      credentials,
      suite: options.suite,
      actor: options.actor,
      signal: options.signal,
    });
    const failed = outcome.steps.find(step => step.status === 'failed');
    const warned = outcome.steps.some(step => step.status === 'warning');
    let status: TestRunResult['status'] = 'passed';
    if (failed) {
      status = 'failed';
    } else if (warned) {
      status = 'degraded';
    }
    const run: TestRunResult = {
      id: randomUUID(),
      integration: config.name,
      environment: config.environment,
      suite: options.suite,
      status,
      trigger: options.trigger,
      triggeredBy: options.actor,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      ...outcome,
      ...(failed?.failure ? { failure: failed.failure } : {}),
    };
    await this.record(config, run, options.sweep);
    return run;
  }

  private async record(
    config: IntegrationConfig,
    run: TestRunResult,
    sweep: CheckSweep | undefined,
  ) {
    if (sweep) {
      sweep.record(config, run);
    } else {
      await this.health.recordCheck(config, run);
    }
  }

  private notConfiguredRun(
    config: IntegrationConfig,
    options: { suite: TestSuite; trigger: TestTrigger; actor: string },
    startedAt: Date,
    missing: string[],
  ): TestRunResult {
    const { explanation, repairSteps } = FAILURE_CLASS_INFO.not_configured;
    const failure: TestFailure = {
      class: 'not_configured',
      explanation: `${explanation} Missing: ${missing.join(', ')}.`,
      repairSteps,
    };
    return {
      id: randomUUID(),
      integration: config.name,
      environment: config.environment,
      suite: options.suite,
      status: 'failed',
      trigger: options.trigger,
      triggeredBy: options.actor,
      startedAt: startedAt.toISOString(),
      durationMs: 0,
      steps: [
        {
          id: 'credentials_present',
          category: 'authentication',
          name: 'Credentials stored',
          status: 'failed',
          durationMs: 0,
          message: `Missing: ${missing.join(', ')}`,
          failure,
        },
      ],
      connectivity: {},
      failure,
    };
  }

  /**
   * Records a check that could not even start (credentials that no longer
   * decrypt, an unknown provider), so the integration does not keep showing
   * its last status.
   */
  async recordCouldNotRun(
    config: IntegrationConfig,
    options: { trigger: TestTrigger; actor: string; sweep?: CheckSweep },
  ): Promise<TestRunResult> {
    const failure: TestFailure = {
      class: 'auth_invalid',
      explanation:
        'The check could not run: the stored credentials could not be opened, or the configuration names a provider this backend does not know.',
      repairSteps: [
        'Look in the backend log for the error at the time of the check.',
        'If the credentials were sealed under a key that is no longer in integrations.encryption.keys, put the key back or set the credentials again.',
      ],
    };
    const run: TestRunResult = {
      id: randomUUID(),
      integration: config.name,
      environment: config.environment,
      suite: 'health',
      status: 'failed',
      trigger: options.trigger,
      triggeredBy: options.actor,
      startedAt: this.now().toISOString(),
      durationMs: 0,
      steps: [],
      connectivity: {},
      failure,
    };
    await this.record(config, run, options.sweep);
    return run;
  }
}
