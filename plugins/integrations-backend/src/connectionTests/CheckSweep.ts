import { LoggerService } from '@backstage/backend-plugin-api';
import {
  IntegrationConfig,
  TestRunResult,
} from '@internal/plugin-integrations-common';
import { CredentialUse } from '../audit/AuditStore';
import { StoredCredential } from '../credentials/CredentialStore';
import { CredentialService } from '../credentials/CredentialService';
import { HealthService } from '../health/HealthService';

/** Checks whose results are written together, at most. */
const BATCH_SIZE = 50;
/** How long a finished check's result waits for its batch, at most. */
const MAX_DELAY_MS = 250;
/** Configurations whose stored credentials are read in one query. */
const CREDENTIALS_WINDOW = 100;

/**
 * One sweep of scheduled checks: reads the stored credentials of the next
 * hundred configurations in one query, and writes the finished checks (runs,
 * states, rollups, status changes and counted credential uses) in batches,
 * one transaction each. A batch is written once it holds 50 results or its
 * oldest waited 250 ms, so a crash loses no more than that, and what was
 * written stays.
 */
export class CheckSweep {
  private readonly credentials: CredentialService;
  private readonly health: HealthService;
  private readonly logger: LoggerService;
  private readonly order: Map<string, number>;
  private readonly configs: IntegrationConfig[];
  private readonly windows = new Map<
    number,
    Promise<Map<string, StoredCredential[]>>
  >();
  private checks: Array<{ config: IntegrationConfig; run: TestRunResult }> = [];
  private uses: CredentialUse[] = [];
  private timer?: ReturnType<typeof setTimeout>;
  private writing: Promise<void> = Promise.resolve();
  private writeQueued = false;

  constructor(options: {
    configs: IntegrationConfig[];
    credentials: CredentialService;
    health: HealthService;
    logger: LoggerService;
  }) {
    this.configs = options.configs;
    this.credentials = options.credentials;
    this.health = options.health;
    this.logger = options.logger;
    this.order = new Map(
      options.configs.map((config, index) => [keyOf(config), index]),
    );
  }

  /** The configuration's stored credentials, read with its window's. */
  async storedCredentials(
    config: IntegrationConfig,
  ): Promise<StoredCredential[] | undefined> {
    const index = this.order.get(keyOf(config));
    if (index === undefined) {
      return undefined;
    }
    const window = Math.floor(index / CREDENTIALS_WINDOW);
    let loading = this.windows.get(window);
    if (!loading) {
      const start = window * CREDENTIALS_WINDOW;
      loading = this.credentials.storedFor(
        this.configs
          .slice(start, start + CREDENTIALS_WINDOW)
          .map(c => ({ integration: c.name, environment: c.environment })),
      );
      this.windows.set(window, loading);
    }
    return (await loading).get(keyOf(config));
  }

  /** Counts a use of credentials with the batch its check's result goes in. */
  recordUse(use: CredentialUse): void {
    this.uses.push(use);
    this.scheduleWrite();
  }

  record(config: IntegrationConfig, run: TestRunResult): void {
    this.checks.push({ config, run });
    this.scheduleWrite();
  }

  /** Writes what is left; the sweep is over. */
  async close(): Promise<void> {
    await this.write();
  }

  private scheduleWrite() {
    if (this.checks.length >= BATCH_SIZE) {
      void this.write();
    } else if (!this.timer) {
      this.timer = setTimeout(() => void this.write(), MAX_DELAY_MS);
    }
  }

  /** One write at a time; a write takes everything that waits when it starts. */
  private write(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writeQueued) {
      return this.writing;
    }
    this.writeQueued = true;
    this.writing = this.writing.then(async () => {
      this.writeQueued = false;
      const checks = this.checks;
      const uses = this.uses;
      this.checks = [];
      this.uses = [];
      if (checks.length === 0 && uses.length === 0) {
        return;
      }
      try {
        await this.health.recordChecks(checks, uses);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.error(
          `Could not store ${checks.length} health check results: ${reason}`,
        );
      }
    });
    return this.writing;
  }
}

function keyOf(config: IntegrationConfig): string {
  return `${config.name}:${config.environment}`;
}
