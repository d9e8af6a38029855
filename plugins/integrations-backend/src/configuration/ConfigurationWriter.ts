import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  AuditAction,
  ConfigChangeType,
  Environment,
  FieldChange,
  IntegrationConfig,
  IntegrationSettings,
  ValidationIssue,
  getProvider,
  settingsOf,
  validateIntegrationSettings,
} from '@internal/plugin-integrations-common';
import { Actor } from '../audit/actor';
import { auditRecord, settingsChangeDetails } from '../audit/auditRecords';
import { AuditRecord } from '../audit/AuditStore';
import { CredentialStore } from '../credentials/CredentialStore';
import { ConfigStore } from './ConfigStore';
import { describeIssues, originOf } from './configurationChecks';
import { invalidRequest } from '../requestErrors/invalidRequest';

/**
 * The checks and writes every change to a configuration goes through: the
 * settings are validated, a move to another host needs the right to send
 * the credentials there, and each write is stored with its audit record.
 */
export class ConfigurationWriter {
  private readonly configs: ConfigStore;
  private readonly credentials: CredentialStore;
  readonly now: () => Date;

  constructor(options: {
    configs: ConfigStore;
    credentials: CredentialStore;
    now?: () => Date;
  }) {
    this.configs = options.configs;
    this.credentials = options.credentials;
    this.now = options.now ?? (() => new Date());
  }

  /** The audit record of a change to configuration settings. */
  record(
    actor: Actor,
    at: Date,
    event: {
      action: AuditAction;
      integration: string;
      environment?: Environment;
      changedFields: string[];
      before?: unknown;
      after?: unknown;
      version?: number;
      extra?: Record<string, unknown>;
    },
  ): AuditRecord {
    const { action, integration, environment, ...change } = event;
    return auditRecord(actor, at, {
      action,
      category: 'configuration',
      integration,
      environment,
      details: settingsChangeDetails(change),
    });
  }

  async save(
    current: IntegrationConfig,
    after: IntegrationSettings,
    change: {
      changeType: ConfigChangeType;
      action: AuditAction;
      changes: FieldChange[];
      notes?: string;
      actor: Actor;
      extra?: Record<string, unknown>;
    },
  ): Promise<IntegrationConfig> {
    const at = this.now();
    const changedFields = change.changes.map(c => c.path);
    await this.configs.apply(
      [
        {
          kind: 'save',
          name: current.name,
          environment: current.environment,
          expectedVersion: current.metadata.version,
          settings: after,
          changeType: change.changeType,
          changedFields,
          notes: change.notes,
        },
      ],
      {
        actor: change.actor.userRef,
        at,
        audit: [
          this.record(change.actor, at, {
            action: change.action,
            integration: current.name,
            environment: current.environment,
            changedFields,
            before: settingsOf(current),
            after,
            version: current.metadata.version + 1,
            extra: change.extra,
          }),
        ],
      },
    );
    const [saved] = await this.configs.getConfigs(
      current.name,
      current.environment,
    );
    return saved;
  }

  async setDeleted(
    name: string,
    kind: 'delete' | 'restore',
    actor: Actor,
  ): Promise<void> {
    const integration = await this.configs.getIntegration(name);
    if (!integration) {
      throw new NotFoundError(`No integration is named ${name}`);
    }
    if (kind === 'delete') {
      const configs = await this.configs.getConfigs(name);
      const dependents = [...new Set(configs.flatMap(c => c.dependents))];
      if (dependents.length) {
        throw new ConflictError(
          `${name} cannot be deleted while ${dependents.join(
            ', ',
          )} depend on it; remove those dependencies first`,
        );
      }
    }
    const at = this.now();
    await this.configs.apply([{ kind, name }], {
      actor: actor.userRef,
      at,
      audit: [
        this.record(actor, at, {
          action: kind,
          integration: name,
          changedFields: ['deleted'],
          before: { deleted: kind === 'restore' },
          after: { deleted: kind === 'delete' },
        }),
      ],
    });
  }

  /**
   * The permission checks a change needs beyond changing the configuration
   * as it is: on the configuration as it will be, and on sending the stored
   * credentials to a new host.
   */
  async assertMayChange(
    current: IntegrationConfig,
    after: IntegrationSettings,
    actor: Actor,
  ): Promise<void> {
    // Owner is what policies decide on; the environment never changes.
    if (
      after.owner !== current.owner &&
      actor.authorizeResultingConfiguration
    ) {
      await actor.authorizeResultingConfiguration({ ...current, ...after });
    }
    await this.assertCredentialTarget(current, after, actor);
  }

  /**
   * Pointing a configuration at another host sends its stored credentials
   * there, so that needs the right to change credentials, not only settings.
   */
  private async assertCredentialTarget(
    current: IntegrationConfig,
    after: IntegrationSettings,
    actor: Actor,
  ): Promise<void> {
    const moved =
      originOf(current.connectionConfig.baseUrl) !==
        originOf(after.connectionConfig.baseUrl) ||
      originOf(current.authConfig.tokenUrl) !==
        originOf(after.authConfig.tokenUrl);
    if (!moved || !actor.authorizeCredentialTarget) {
      return;
    }
    const stored = await this.credentials.list(
      current.name,
      current.environment,
    );
    if (stored.length > 0) {
      await actor.authorizeCredentialTarget(current.name, current.environment);
    }
  }

  async validate(
    current: IntegrationConfig,
    environment: Environment,
    settings: IntegrationSettings,
  ): Promise<ValidationIssue[]> {
    const graph = await this.configs.getDependencyGraph(environment);
    graph.delete(current.name);
    return validateIntegrationSettings(settings, {
      name: current.name,
      environment,
      provider: getProvider(current.provider),
      dependencyGraph: graph,
    });
  }

  async assertValid(
    current: IntegrationConfig,
    environment: Environment,
    settings: IntegrationSettings,
  ): Promise<void> {
    const issues = await this.validate(current, environment, settings);
    if (issues.length) {
      throw invalidRequest(
        `Invalid request. ${describeIssues(issues)}`,
        issues,
      );
    }
  }
}
