import {
  CREDENTIAL_EXPIRY_WARNING_DAYS,
  Environment,
  HealthStatus,
  IntegrationConfig,
  IntegrationHealthStatus,
  getProvider,
  requiredCredentialFields,
} from '@internal/plugin-integrations-common';
import { CredentialStore, ExpiringField } from '../credentials/CredentialStore';
import { RANGE_MS } from './healthHistory';
import {
  HealthRollup,
  HealthState,
  HealthStore,
  hourBucket,
} from './HealthStore';
import { expiringCredentialsOf } from './expiringCredentials';
import { integrationHealthStatus } from './integrationHealthStatus';

const DAY_MS = 86_400_000;

/** What the statuses of many configurations are made of, by `<name>:<environment>`. */
export interface StatusSources {
  states: Map<string, HealthState>;
  /** Hourly rollups of the last 30 days. */
  rollups: Map<string, HealthRollup[]>;
  /** Names of the stored credential fields. */
  storedFields: Map<string, string[]>;
  /** Stored fields that expired or expire within the warning window. */
  expiring: Map<string, ExpiringField[]>;
}

const keyOf = (integration: string, environment: Environment) =>
  `${integration}:${environment}`;

function append<T>(map: Map<string, T[]>, key: string, item: T) {
  map.set(key, [...(map.get(key) ?? []), item]);
}

/** Reads what the configurations' statuses need, each environment's at once. */
export async function loadStatusSources(
  stores: {
    health: Pick<HealthStore, 'listStates' | 'listRollups'>;
    credentials: Pick<
      CredentialStore,
      'listStoredFields' | 'listExpiringFields'
    >;
  },
  configs: IntegrationConfig[],
  now: Date,
): Promise<StatusSources> {
  const sources: StatusSources = {
    states: new Map(),
    rollups: new Map(),
    storedFields: new Map(),
    expiring: new Map(),
  };
  const since30d = hourBucket(new Date(now.getTime() - RANGE_MS['30d']));
  const warnBefore = new Date(
    now.getTime() + CREDENTIAL_EXPIRY_WARNING_DAYS * DAY_MS,
  );
  const environments = [...new Set(configs.map(c => c.environment))];
  await Promise.all(
    environments.map(async environment => {
      const [states, rollups, storedFields, expiring] = await Promise.all([
        stores.health.listStates(environment),
        stores.health.listRollups(environment, since30d),
        stores.credentials.listStoredFields(environment),
        stores.credentials.listExpiringFields(environment, warnBefore),
      ]);
      for (const state of states) {
        sources.states.set(keyOf(state.integration, environment), state);
      }
      for (const rollup of rollups) {
        append(sources.rollups, keyOf(rollup.integration, environment), rollup);
      }
      for (const [key, fields] of storedFields) {
        sources.storedFields.set(key, fields);
      }
      for (const field of expiring) {
        append(sources.expiring, keyOf(field.integration, environment), field);
      }
    }),
  );
  return sources;
}

/**
 * The spec's IntegrationHealthStatus of each configuration. A switched-off
 * configuration is disabled and one without its required credentials not
 * configured, whatever its last check said.
 */
export function healthStatusesOf(
  configs: IntegrationConfig[],
  sources: StatusSources,
  now: Date,
): IntegrationHealthStatus[] {
  const missingCredentials = (config: IntegrationConfig): string[] => {
    const provider = getProvider(config.provider);
    const stored =
      sources.storedFields.get(keyOf(config.name, config.environment)) ?? [];
    return provider
      ? requiredCredentialFields(provider).filter(f => !stored.includes(f))
      : [];
  };
  const statusOf = (config: IntegrationConfig): HealthStatus => {
    if (!config.enabled) {
      return 'disabled';
    }
    if (missingCredentials(config).length > 0) {
      return 'not_configured';
    }
    return (
      sources.states.get(keyOf(config.name, config.environment))?.status ??
      'unknown'
    );
  };
  const byKey = new Map(configs.map(c => [keyOf(c.name, c.environment), c]));

  return configs.map(config => {
    const key = keyOf(config.name, config.environment);
    return integrationHealthStatus(config, {
      state: sources.states.get(key),
      rollups: sources.rollups.get(key) ?? [],
      now,
      status: statusOf(config),
      missingCredentials: missingCredentials(config),
      expiringCredentials: expiringCredentialsOf(
        config,
        sources.expiring.get(key) ?? [],
        sources.storedFields.get(key) ?? [],
      ),
      dependencyStatus: config.dependencies.map(name => {
        const dependencyKey = keyOf(name, config.environment);
        const dependency = byKey.get(dependencyKey);
        return {
          name,
          status: dependency
            ? statusOf(dependency)
            : sources.states.get(dependencyKey)?.status ?? 'unknown',
        };
      }),
    });
  });
}
