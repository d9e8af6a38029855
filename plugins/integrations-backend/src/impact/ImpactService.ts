import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Environment,
  HealthStatus,
  ImpactedEntity,
  IntegrationConfig,
  IntegrationImpact,
  integrationEntityRef,
} from '@internal/plugin-integrations-common';
import { ConfigStore } from '../configuration/ConfigStore';
import { HealthStore } from '../health/HealthStore';
import {
  DEFAULT_WALK_LIMITS,
  WalkLimits,
  ownerOf,
  walkDependents,
} from './catalogWalk';
import { ImpactCondition, impactSummary } from './impactSummary';

/** What the catalog says depends on an integration, before it is put in words. */
export interface CatalogDependents {
  /** False when the catalog has no Resource for the integration (or hides it from the caller). */
  inCatalog: boolean;
  /** The owner of the integration's Resource. */
  owner?: string;
  components: ImpactedEntity[];
  systems: ImpactedEntity[];
  others: ImpactedEntity[];
  truncated: boolean;
}

/** The condition a health status is told as; healthy and unchecked ones have none. */
export function conditionOf(
  status: HealthStatus | undefined,
): ImpactCondition | undefined {
  if (status === 'unhealthy') {
    return 'down';
  }
  return status === 'degraded' ? 'degraded' : undefined;
}

/**
 * Who is affected when an integration fails, read from the catalog: the
 * Components, Systems and other entities that depend on its Resource,
 * directly or through one another, with their owners. The catalog is read
 * with the credentials given, so its own permissions decide what is seen.
 */
export class ImpactService {
  private readonly catalog: Pick<
    CatalogService,
    'getEntityByRef' | 'getEntitiesByRefs'
  >;
  private readonly configs: Pick<ConfigStore, 'getConfigs'>;
  private readonly health: Pick<HealthStore, 'getState'>;
  private readonly limits: WalkLimits;

  constructor(options: {
    catalog: Pick<CatalogService, 'getEntityByRef' | 'getEntitiesByRefs'>;
    configs: Pick<ConfigStore, 'getConfigs'>;
    health: Pick<HealthStore, 'getState'>;
    limits?: WalkLimits;
  }) {
    this.catalog = options.catalog;
    this.configs = options.configs;
    this.health = options.health;
    this.limits = options.limits ?? DEFAULT_WALK_LIMITS;
  }

  /** The impact of one configuration, told by its current health. */
  async impactOf(
    name: string,
    environment: Environment,
    credentials: BackstageCredentials,
  ): Promise<IntegrationImpact> {
    const [config] = await this.configs.getConfigs(name, environment);
    if (!config || config.deleted) {
      throw new NotFoundError(
        `There is no integration ${name} in ${environment}`,
      );
    }
    const state = await this.health.getState(name, environment);
    return this.impactOfConfiguration(
      config,
      credentials,
      conditionOf(state?.status),
    );
  }

  async impactOfConfiguration(
    config: Pick<IntegrationConfig, 'name' | 'displayName' | 'owner'>,
    credentials: BackstageCredentials,
    condition?: ImpactCondition,
  ): Promise<IntegrationImpact> {
    const dependents = await this.dependents(config.name, credentials);
    const { components, systems, others, inCatalog, truncated } = dependents;
    const affected = [...components, ...systems, ...others];
    return {
      integration: config.name,
      entityRef: integrationEntityRef(config.name),
      inCatalog,
      components,
      systems,
      others,
      owners: [
        ...new Set(
          [config.owner, dependents.owner, ...affected.map(e => e.owner)]
            .filter((owner): owner is string => Boolean(owner))
            .map(owner => owner.toLowerCase()),
        ),
      ],
      summary: impactSummary({
        displayName: config.displayName,
        condition,
        inCatalog,
        affected,
      }),
      ...(truncated ? { truncated } : {}),
    };
  }

  /**
   * What depends on the integration's Resource. The catalog not answering
   * is a 503: the integration is fine, the question cannot be answered now.
   */
  async dependents(
    integration: string,
    credentials: BackstageCredentials,
  ): Promise<CatalogDependents> {
    const fromCatalog = async <T>(read: () => Promise<T>): Promise<T> => {
      try {
        return await read();
      } catch (error) {
        throw new ServiceUnavailableError(
          `The catalog could not be read to find what depends on ${integration}: ${
            (error as Error).message
          }`,
        );
      }
    };
    const root = await fromCatalog(() =>
      this.catalog.getEntityByRef(integrationEntityRef(integration), {
        credentials,
      }),
    );
    if (!root) {
      return {
        inCatalog: false,
        components: [],
        systems: [],
        others: [],
        truncated: false,
      };
    }
    const { affected, truncated } = await walkDependents(
      root,
      refs =>
        fromCatalog(async () => {
          const { items } = await this.catalog.getEntitiesByRefs(
            { entityRefs: refs },
            { credentials },
          );
          return items.map(item => item ?? undefined);
        }),
      this.limits,
    );
    const owner = ownerOf(root);
    return {
      inCatalog: true,
      ...(owner ? { owner } : {}),
      components: affected.filter(e => e.kind === 'Component'),
      systems: affected.filter(e => e.kind === 'System'),
      others: affected.filter(
        e => e.kind !== 'Component' && e.kind !== 'System',
      ),
      truncated,
    };
  }
}
