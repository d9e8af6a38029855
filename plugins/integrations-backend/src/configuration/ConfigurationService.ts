import { ConflictError } from '@backstage/errors';
import {
  BulkUpdateResponse,
  ConfigurationTemplate,
  CopyConfigResponse,
  ENVIRONMENTS,
  Environment,
  FieldChange,
  IntegrationConfig,
  IntegrationSettings,
  SettingsPatch,
  UpdateConfigResponse,
  applySettingsPatch,
  defaultSettingsFor,
  diffFields,
  getProvider,
  providerCatalog,
  settingsOf,
  toConfigurationTemplate,
  validateIntegrationSettings,
  ValidationIssue,
} from '@internal/plugin-integrations-common';
import { Actor } from '../audit/actor';
import { ConfigStore, ConfigWrite } from './ConfigStore';
import {
  assertCurrentVersion,
  assertNotDeleted,
  describeIssues,
  requireConfigs,
} from './configurationChecks';
import { ConfigurationWriter } from './ConfigurationWriter';
import { invalidFields, invalidRequest } from '../requestErrors/invalidRequest';

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

/**
 * Configuration management: creating integrations from templates, validated
 * partial updates with previews and optimistic concurrency, copies between
 * environments, soft delete, and bulk changes (history and rollback are
 * {@link ConfigurationHistoryService}). Every write goes to the store together with its audit records.
 */
export class ConfigurationService {
  private readonly configs: ConfigStore;
  private readonly writer: ConfigurationWriter;

  constructor(options: { configs: ConfigStore; writer: ConfigurationWriter }) {
    this.configs = options.configs;
    this.writer = options.writer;
  }

  private now(): Date {
    return this.writer.now();
  }

  listTemplates(): ConfigurationTemplate[] {
    return providerCatalog.map(toConfigurationTemplate);
  }
  async getConfigs(
    name: string,
    environment?: Environment,
  ): Promise<IntegrationConfig[]> {
    return requireConfigs(this.configs, name, environment);
  }

  async create(
    input: CreateIntegrationInput,
    actor: Actor,
  ): Promise<IntegrationConfig[]> {
    const provider = getProvider(input.template);
    if (!provider) {
      throw invalidFields([
        {
          path: 'template',
          message: `no template "${
            input.template
          }"; choose one of ${providerCatalog.map(p => p.id).join(', ')}`,
        },
      ]);
    }
    const existing = await this.configs.getIntegration(input.name);
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
    const fields: ValidationIssue[] = [];
    for (const environment of environments) {
      const settings = applySettingsPatch(
        defaultSettingsFor(provider, environment, input),
        input.settings ?? {},
      );
      const problems = validateIntegrationSettings(settings, {
        name: input.name,
        environment,
        provider,
        dependencyGraph: await this.configs.getDependencyGraph(environment),
      });
      if (problems.length) {
        issues.push(describeIssues(problems, `settings (${environment}) `));
        fields.push(
          ...problems.map(problem => ({
            path: `settings.${problem.path}`,
            message: `${environment}: ${problem.message}`,
          })),
        );
      }
      configs.push({ environment, settings });
    }
    if (issues.length) {
      throw invalidRequest(`Invalid request. ${issues.join('; ')}`, fields);
    }

    const at = this.now();
    await this.configs.apply(
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
          this.writer.record(actor, at, {
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
    return this.configs.getConfigs(input.name);
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
    assertNotDeleted(current);
    assertCurrentVersion(current, version);

    const before = settingsOf(current);
    const after = applySettingsPatch(before, patch);
    await this.writer.assertValid(current, environment, after);
    const changes = diffFields(before, after);
    const preview: IntegrationConfig = { ...current, ...after };
    if (options.dryRun || changes.length === 0) {
      return { dryRun: options.dryRun, config: preview, changes };
    }

    await this.writer.assertMayChange(current, after, actor);
    const saved = await this.writer.save(current, after, {
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
    assertNotDeleted(target);

    const copied: IntegrationSettings = {
      ...settingsOf(source),
      enabled: target.enabled,
    };
    await this.writer.assertValid(target, input.to, copied);
    await this.writer.assertMayChange(target, copied, actor);
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
        : await this.writer.save(target, copied, {
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

  async delete(name: string, actor: Actor): Promise<void> {
    await this.writer.setDeleted(name, 'delete', actor);
  }

  async restore(name: string, actor: Actor): Promise<IntegrationConfig[]> {
    await this.writer.setDeleted(name, 'restore', actor);
    return this.configs.getConfigs(name);
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
    const fields: ValidationIssue[] = [];

    for (const [name, { environment, version, ...patch }] of Object.entries(
      input,
    )) {
      const configs = await this.configs.getConfigs(name, environment);
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
      const graph = await this.configs.getDependencyGraph(environment);
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
        fields.push(
          ...issues.map(issue => ({
            path: `${current.name}.${issue.path}`,
            message: `${current.environment}: ${issue.message}`,
          })),
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
      throw invalidRequest(
        `Invalid request; nothing was changed. ${problems.join('; ')}`,
        fields,
      );
    }
    for (const { current, after } of planned) {
      await this.writer.assertMayChange(current, after, actor);
    }

    const at = this.now();
    const toWrite = planned.filter(item => item.changes.length > 0);
    await this.configs.apply(
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
          this.writer.record(actor, at, {
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
}
