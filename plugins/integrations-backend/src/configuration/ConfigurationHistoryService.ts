import { NotFoundError } from '@backstage/errors';
import {
  ConfigVersion,
  DiffResponse,
  Environment,
  IntegrationConfig,
  diffFields,
  settingsOf,
} from '@internal/plugin-integrations-common';
import { Actor } from '../audit/actor';
import { ConfigStore } from './ConfigStore';
import { assertNotDeleted, requireConfigs } from './configurationChecks';
import { ConfigurationWriter } from './ConfigurationWriter';
import { invalidFields } from '../requestErrors/invalidRequest';

/** Fields the version history and diffs leave out: they change with every save. */
const VOLATILE_FIELDS = ['metadata', 'dependents', 'deleted'];

/** A configuration's version history: listing, diffs between versions and rollback. */
export class ConfigurationHistoryService {
  private readonly configs: ConfigStore;
  private readonly writer: ConfigurationWriter;

  constructor(options: { configs: ConfigStore; writer: ConfigurationWriter }) {
    this.configs = options.configs;
    this.writer = options.writer;
  }

  async listVersions(name: string, environment: Environment) {
    await requireConfigs(this.configs, name, environment);
    return { items: await this.configs.listVersions(name, environment) };
  }

  async getVersion(
    name: string,
    environment: Environment,
    version: number,
  ): Promise<ConfigVersion> {
    const found = await this.configs.getVersion(name, environment, version);
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
    const [current] = await requireConfigs(this.configs, name, environment);
    assertNotDeleted(current);
    if (input.version >= current.metadata.version) {
      throw invalidFields([
        {
          path: 'version',
          message: `roll back to an earlier version than the current ${current.metadata.version}`,
        },
      ]);
    }
    const target = await this.getVersion(name, environment, input.version);
    const restored = settingsOf(target.snapshot);
    const changes = diffFields(settingsOf(current), restored);
    if (changes.length === 0) {
      throw invalidFields([
        {
          path: 'version',
          message: `version ${input.version} has the same settings as the current version ${current.metadata.version}; there is nothing to roll back`,
        },
      ]);
    }
    await this.writer.assertValid(current, environment, restored);
    await this.writer.assertMayChange(current, restored, actor);
    return this.writer.save(current, restored, {
      changeType: 'rollback',
      action: 'rollback',
      changes,
      notes: input.notes ?? `Rolled back to version ${input.version}`,
      actor,
      extra: { rolledBackTo: input.version },
    });
  }
}
