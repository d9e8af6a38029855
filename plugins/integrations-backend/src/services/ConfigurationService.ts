import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AuditAction,
  AuditCategory,
  BulkUpdateResponse,
  ConfigChangeType,
  ConfigurationTemplate,
  ConfigVersion,
  CopyConfigResponse,
  DiffResponse,
  ENVIRONMENTS,
  Environment,
  FieldChange,
  IntegrationConfig,
  IntegrationSettings,
  SettingsPatch,
  UpdateConfigResponse,
  ValidationIssue,
  applySettingsPatch,
  defaultSettingsFor,
  diffFields,
  getProvider,
  providerCatalog,
  settingsOf,
  toConfigurationTemplate,
  validateIntegrationSettings,
} from '@internal/plugin-integrations-common';
import { randomUUID } from 'node:crypto';
import { AuditRecord } from '../database/AuditStore';
import {
  ConfigWrite,
  IntegrationConfigStore,
} from '../database/IntegrationConfigStore';
import { maskSettingsSecrets } from './maskSecrets';

/** Who made a request, for version authorship and the audit log. */
export interface Actor {
  userRef: string;
  ip?: string;
  userAgent?: string;
  /**
   * Throws unless the actor may change where a configuration's stored
   * credentials are sent (its base URL or token URL host). Requests always
   * carry it; without it the caller is the backend itself (seeding, tests).
   */
  authorizeCredentialTarget?(
    name: string,
    environment: Environment,
  ): Promise<void>;
}

function originOf(url: string | undefined): string | undefined {
  if (url === undefined) {
    return undefined;
  }
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export interface CreateIntegrationInput {
  template: string;
  name: string;
  displayName?: string;
  description?: string;
  owner: string;
  environments?: Environment[];
  settings?: SettingsPatch;
  notes?: string;
}

export type BulkUpdateInput = Record<
  string,
  SettingsPatch & { environment?: Environment; version?: number }
>;

/** Fields the version history and diffs leave out: they change with every save. */
/** Where a refused change is filed in the audit log, when not under configuration. */
const FAILURE_CATEGORIES: Partial<Record<AuditAction, AuditCategory>> = {
  credentials_update: 'credentials',
  health_checks_paused: 'operations',
  health_checks_resumed: 'operations',
};

const VOLATILE_FIELDS = ['metadata', 'dependents', 'deleted'];

function describeIssues(issues: ValidationIssue[], prefix = ''): string {
  return issues
    .map(issue => `${prefix}${issue.path || '(body)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Configuration management: creating integrations from templates, validated
 * partial updates with previews and optimistic concurrency, copies between
 * environments, history with diff and rollback, soft delete, and bulk
 * changes. Every write goes to the store together with its audit records.
 */
export class ConfigurationService {
  private readonly store: IntegrationConfigStore;
  private readonly now: () => Date;

  constructor(options: { store: IntegrationConfigStore; now?: () => Date }) {
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
  }

  listTemplates(): ConfigurationTemplate[] {
    return providerCatalog.map(toConfigurationTemplate);
  }

  async getConfigs(
    name: string,
    environment?: Environment,
  ): Promise<IntegrationConfig[]> {
    const configs = await this.store.getConfigs(name, environment);
    if (configs.length === 0) {
      throw new NotFoundError(
        environment
          ? `${name} has no ${environment} configuration`
          : `No integration is named ${name}`,
      );
    }
    return configs;
  }

  async create(
    input: CreateIntegrationInput,
    actor: Actor,
  ): Promise<IntegrationConfig[]> {
    const provider = getProvider(input.template);
    if (!provider) {
      throw new InputError(
        `Invalid request. template: no template "${
          input.template
        }"; choose one of ${providerCatalog.map(p => p.id).join(', ')}`,
      );
    }
    const existing = await this.store.getIntegration(input.name);
    if (existing) {
      throw new ConflictError(
        existing.deletedAt
          ? `An integration named ${input.name} exists but is deleted; restore it or choose another name`
          : `An integration named ${input.name} already exists`,
      );
    }

    const environments = input.environments ?? [...ENVIRONMENTS];
    const configs: Array<{
      environment: Environment;
      settings: IntegrationSettings;
    }> = [];
    const issues: string[] = [];
    for (const environment of environments) {
      const settings = applySettingsPatch(
        defaultSettingsFor(provider, environment, input),
        input.settings ?? {},
      );
      const problems = validateIntegrationSettings(settings, {
        name: input.name,
        environment,
        provider,
        dependencyGraph: await this.store.getDependencyGraph(environment),
      });
      if (problems.length) {
        issues.push(describeIssues(problems, `settings (${environment}) `));
      }
      configs.push({ environment, settings });
    }
    if (issues.length) {
      throw new InputError(`Invalid request. ${issues.join('; ')}`);
    }

    const at = this.now();
    await this.store.apply(
      [
        {
          kind: 'create',
          integration: {
            name: input.name,
            provider: provider.id,
            category: provider.category,
          },
          configs,
          notes: input.notes,
        },
      ],
      {
        actor: actor.userRef,
        at,
        audit: configs.map(({ environment, settings }) =>
          this.auditRecord(actor, at, {
            action: 'create',
            integration: input.name,
            environment,
            changedFields: [],
            after: settings,
            version: 1,
            extra: { template: provider.id },
          }),
        ),
      },
    );
    return this.store.getConfigs(input.name);
  }

  async update(
    name: string,
    environment: Environment,
    input: SettingsPatch & { version: number; notes?: string },
    options: { dryRun: boolean },
    actor: Actor,
  ): Promise<UpdateConfigResponse> {
    const { version, notes, ...patch } = input;
    const [current] = await this.getConfigs(name, environment);
    this.assertNotDeleted(current);
    this.assertCurrentVersion(current, version);

    const before = settingsOf(current);
    const after = applySettingsPatch(before, patch);
    await this.assertValid(current, environment, after);
    const changes = diffFields(before, after);
    const preview: IntegrationConfig = { ...current, ...after };
    if (options.dryRun || changes.length === 0) {
      return { dryRun: options.dryRun, config: preview, changes };
    }

    await this.assertCredentialTarget(current, after, actor);
    const saved = await this.save(current, after, {
      changeType: 'update',
      action: 'update',
      changes,
      notes,
      actor,
    });
    return { dryRun: false, config: saved, changes };
  }

  async copy(
    name: string,
    input: { from: Environment; to: Environment; notes?: string },
    actor: Actor,
  ): Promise<CopyConfigResponse> {
    const [source] = await this.getConfigs(name, input.from);
    const [target] = await this.getConfigs(name, input.to);
    this.assertNotDeleted(target);

    const copied: IntegrationSettings = {
      ...settingsOf(source),
      enabled: target.enabled,
    };
    await this.assertValid(target, input.to, copied);
    await this.assertCredentialTarget(target, copied, actor);
    const changes = diffFields(settingsOf(target), copied);
    const notCopied = [
      {
        field: 'credentials',
        reason: `Credentials are never copied between environments; set the ${input.to} credentials on their own`,
      },
      {
        field: 'enabled',
        reason: `Whether ${name} is switched on in ${input.to} stays as it was`,
      },
    ];
    const config =
      changes.length === 0
        ? target
        : await this.save(target, copied, {
            changeType: 'copy',
            action: 'copy',
            changes,
            notes: input.notes ?? `Copied from ${input.from}`,
            actor,
            extra: { from: input.from },
          });
    return {
      config,
      copiedFields: changes.map(change => change.path),
      notCopied,
    };
  }

  async listVersions(name: string, environment: Environment) {
    await this.getConfigs(name, environment);
    return { items: await this.store.listVersions(name, environment) };
  }

  async getVersion(
    name: string,
    environment: Environment,
    version: number,
  ): Promise<ConfigVersion> {
    const found = await this.store.getVersion(name, environment, version);
    if (!found) {
      throw new NotFoundError(
        `${name} (${environment}) has no version ${version}`,
      );
    }
    return found;
  }

  async diff(
    name: string,
    environment: Environment,
    from: number,
    to: number,
  ): Promise<DiffResponse> {
    const [older, newer] = await Promise.all([
      this.getVersion(name, environment, from),
      this.getVersion(name, environment, to),
    ]);
    return {
      name,
      environment,
      from,
      to,
      changes: diffFields(older.snapshot, newer.snapshot, {
        ignore: VOLATILE_FIELDS,
      }),
    };
  }

  async rollback(
    name: string,
    environment: Environment,
    input: { version: number; notes?: string },
    actor: Actor,
  ): Promise<IntegrationConfig> {
    const [current] = await this.getConfigs(name, environment);
    this.assertNotDeleted(current);
    if (input.version >= current.metadata.version) {
      throw new InputError(
        `Invalid request. version: roll back to an earlier version than the current ${current.metadata.version}`,
      );
    }
    const target = await this.getVersion(name, environment, input.version);
    const restored = settingsOf(target.snapshot);
    const changes = diffFields(settingsOf(current), restored);
    if (changes.length === 0) {
      throw new InputError(
        `Invalid request. version: version ${input.version} has the same settings as the current version ${current.metadata.version}; there is nothing to roll back`,
      );
    }
    await this.assertValid(current, environment, restored);
    await this.assertCredentialTarget(current, restored, actor);
    return this.save(current, restored, {
      changeType: 'rollback',
      action: 'rollback',
      changes,
      notes: input.notes ?? `Rolled back to version ${input.version}`,
      actor,
      extra: { rolledBackTo: input.version },
    });
  }

  async delete(name: string, actor: Actor): Promise<void> {
    await this.setDeleted(name, 'delete', actor);
  }

  async restore(name: string, actor: Actor): Promise<IntegrationConfig[]> {
    await this.setDeleted(name, 'restore', actor);
    return this.store.getConfigs(name);
  }

  /** Validates every item first; writes all of them in one transaction or none. */
  async bulkUpdate(
    input: BulkUpdateInput,
    actor: Actor,
  ): Promise<BulkUpdateResponse> {
    const candidates: Array<{
      current: IntegrationConfig;
      after: IntegrationSettings;
    }> = [];
    const problems: string[] = [];

    for (const [name, { environment, version, ...patch }] of Object.entries(
      input,
    )) {
      const configs = await this.store.getConfigs(name, environment);
      if (configs.length === 0) {
        problems.push(
          `${name}: ${
            environment
              ? `no ${environment} configuration`
              : 'no such integration'
          }`,
        );
        continue;
      }
      for (const current of configs) {
        const label = `${name} (${current.environment})`;
        if (current.deleted) {
          problems.push(`${label}: deleted`);
        } else if (
          version !== undefined &&
          version !== current.metadata.version
        ) {
          problems.push(
            `${label}: you edited version ${version}, the current version is ${current.metadata.version}`,
          );
        } else {
          candidates.push({
            current,
            after: applySettingsPatch(settingsOf(current), patch),
          });
        }
      }
    }

    // Dependencies are checked against the graph as it will be after the
    // whole batch, so two items cannot form a cycle between them.
    const graphs = new Map<Environment, Map<string, string[]>>();
    for (const environment of ENVIRONMENTS) {
      const graph = await this.store.getDependencyGraph(environment);
      for (const { current, after } of candidates) {
        if (current.environment === environment) {
          graph.set(current.name, after.dependencies);
        }
      }
      graphs.set(environment, graph);
    }
    const planned: Array<{
      current: IntegrationConfig;
      after: IntegrationSettings;
      changes: FieldChange[];
    }> = [];
    for (const { current, after } of candidates) {
      const graph = new Map(graphs.get(current.environment));
      graph.delete(current.name);
      const issues = validateIntegrationSettings(after, {
        name: current.name,
        environment: current.environment,
        provider: getProvider(current.provider),
        dependencyGraph: graph,
      });
      if (issues.length) {
        problems.push(
          describeIssues(issues, `${current.name} (${current.environment}) `),
        );
      } else {
        planned.push({
          current,
          after,
          changes: diffFields(settingsOf(current), after),
        });
      }
    }
    if (problems.length) {
      throw new InputError(
        `Invalid request; nothing was changed. ${problems.join('; ')}`,
      );
    }
    for (const { current, after } of planned) {
      await this.assertCredentialTarget(current, after, actor);
    }

    const at = this.now();
    const toWrite = planned.filter(item => item.changes.length > 0);
    await this.store.apply(
      toWrite.map(
        ({ current, after, changes }): ConfigWrite => ({
          kind: 'save',
          name: current.name,
          environment: current.environment,
          expectedVersion: current.metadata.version,
          settings: after,
          changeType: 'bulk_update',
          changedFields: changes.map(c => c.path),
        }),
      ),
      {
        actor: actor.userRef,
        at,
        audit: toWrite.map(({ current, after, changes }) =>
          this.auditRecord(actor, at, {
            action: 'bulk_update',
            integration: current.name,
            environment: current.environment,
            changedFields: changes.map(c => c.path),
            before: settingsOf(current),
            after,
            version: current.metadata.version + 1,
          }),
        ),
      },
    );
    return {
      applied: true,
      results: planned.map(({ current, changes }) => ({
        name: current.name,
        environment: current.environment,
        status: changes.length ? 'updated' : 'unchanged',
        version: current.metadata.version + (changes.length ? 1 : 0),
        changes,
      })),
    };
  }

  /** An audit record of a refused change, for the caller to append. */
  failureRecord(
    actor: Actor,
    details: {
      action: AuditAction;
      integration: string;
      environment?: Environment;
      error: Error;
    },
  ): AuditRecord {
    return {
      ...this.auditRecord(actor, this.now(), {
        action: details.action,
        integration: details.integration,
        environment: details.environment,
        changedFields: [],
      }),
      category: FAILURE_CATEGORIES[details.action] ?? 'configuration',
      outcome: 'failure',
      error: `${details.error.name}: ${details.error.message}`,
    };
  }

  private async save(
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
    await this.store.apply(
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
          this.auditRecord(change.actor, at, {
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
    const [saved] = await this.store.getConfigs(
      current.name,
      current.environment,
    );
    return saved;
  }

  private async setDeleted(
    name: string,
    kind: 'delete' | 'restore',
    actor: Actor,
  ): Promise<void> {
    const integration = await this.store.getIntegration(name);
    if (!integration) {
      throw new NotFoundError(`No integration is named ${name}`);
    }
    if (kind === 'delete') {
      const configs = await this.store.getConfigs(name);
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
    await this.store.apply([{ kind, name }], {
      actor: actor.userRef,
      at,
      audit: [
        this.auditRecord(actor, at, {
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
    const stored = await this.store.credentials.list(
      current.name,
      current.environment,
    );
    if (stored.length > 0) {
      await actor.authorizeCredentialTarget(current.name, current.environment);
    }
  }

  private assertNotDeleted(config: IntegrationConfig) {
    if (config.deleted) {
      throw new ConflictError(
        `${config.name} is deleted; restore it before changing it`,
      );
    }
  }

  private assertCurrentVersion(config: IntegrationConfig, version: number) {
    if (version !== config.metadata.version) {
      throw new ConflictError(
        `${config.name} (${config.environment}) was changed while you edited version ${version}: the current version is ${config.metadata.version}, saved by ${config.metadata.updatedBy} at ${config.metadata.lastUpdated}`,
      );
    }
  }

  private async validate(
    current: IntegrationConfig,
    environment: Environment,
    settings: IntegrationSettings,
  ): Promise<ValidationIssue[]> {
    const graph = await this.store.getDependencyGraph(environment);
    graph.delete(current.name);
    return validateIntegrationSettings(settings, {
      name: current.name,
      environment,
      provider: getProvider(current.provider),
      dependencyGraph: graph,
    });
  }

  private async assertValid(
    current: IntegrationConfig,
    environment: Environment,
    settings: IntegrationSettings,
  ): Promise<void> {
    const issues = await this.validate(current, environment, settings);
    if (issues.length) {
      throw new InputError(`Invalid request. ${describeIssues(issues)}`);
    }
  }

  private auditRecord(
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
    return {
      eventId: randomUUID(),
      timestamp: at.toISOString(),
      userId: actor.userRef,
      integration: event.integration,
      ...(event.environment ? { environment: event.environment } : {}),
      action: event.action,
      category: 'configuration',
      details: {
        ...event.extra,
        changedFields: event.changedFields,
        ...(event.before !== undefined
          ? { before: maskSettingsSecrets(event.before) }
          : {}),
        ...(event.after !== undefined
          ? { after: maskSettingsSecrets(event.after) }
          : {}),
        ...(event.version !== undefined ? { version: event.version } : {}),
      },
      context: {
        time: at.toISOString(),
        ...(actor.ip ? { ip: actor.ip } : {}),
        ...(actor.userAgent ? { userAgent: actor.userAgent } : {}),
      },
      outcome: 'success',
    };
  }
}
