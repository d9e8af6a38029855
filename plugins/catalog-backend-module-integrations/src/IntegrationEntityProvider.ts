import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import {
  INTEGRATION_CONFIGURATION_TOPIC,
  IntegrationConfigurationEvent,
  integrationEntityRef,
  integrationNameSchema,
} from '@internal/plugin-integrations-common';
import { IntegrationSource } from './IntegrationsBackendClient';
import { IntegrationEntityUrls, integrationEntity } from './integrationEntity';

/** Every 30 minutes, the first time soon after the catalog starts. */
export const DEFAULT_REFRESH_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 30 },
    timeout: { minutes: 3 },
    initialDelay: { seconds: 15 },
  };

/**
 * One `Resource` per integration the integrations backend manages. All of
 * them are read on a schedule (a full mutation); between reads, the backend
 * announces each changed integration on the events service and only that
 * one is read again (a delta). When a read fails, the catalog keeps what it
 * has: a backend that is down must not empty it.
 */
export class IntegrationEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** The read of each integration under way, which the next one waits for. */
  private readonly reading = new Map<string, Promise<void>>();

  constructor(
    private readonly options: {
      source: IntegrationSource;
      urls: IntegrationEntityUrls;
      scheduler: SchedulerService;
      schedule: SchedulerServiceTaskScheduleDefinition;
      events: EventsService;
      logger: LoggerService;
    },
  ) {}

  getProviderName(): string {
    return 'integrations';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    const { scheduler, schedule, events } = this.options;
    await scheduler.scheduleTask({
      id: `${this.getProviderName()}:refresh`,
      ...schedule,
      scope: 'global',
      fn: () => this.refresh(),
    });
    await events.subscribe({
      id: 'integration-entity-provider',
      topics: [INTEGRATION_CONFIGURATION_TOPIC],
      onEvent: params => this.onConfigurationChanged(params),
    });
  }

  /** Reads every integration and replaces what the catalog holds of them. */
  async refresh(): Promise<void> {
    const connection = this.connected();
    const { source, logger } = this.options;
    let integrations;
    try {
      integrations = await source.listIntegrations();
    } catch (error) {
      logger.warn(
        'Could not read the integrations; the catalog keeps their entities as they were until the next refresh',
        error as Error,
      );
      return;
    }
    const entities = integrations.flatMap(integration => {
      const entity = integrationEntity(integration, this.options.urls);
      return entity ? [this.deferred(entity)] : [];
    });
    await connection.applyMutation({ type: 'full', entities });
    logger.info(`Read ${entities.length} integrations into the catalog`);
  }

  /** Reads one integration again: its entity is replaced, or removed when it is gone. */
  async refreshIntegration(name: string): Promise<void> {
    const connection = this.connected();
    const { source, logger } = this.options;
    let integration;
    try {
      integration = await source.getIntegration(name);
    } catch (error) {
      logger.warn(
        `Could not read the integration ${name}; its entity changes at the next full refresh`,
        error as Error,
      );
      return;
    }
    const entity =
      integration && integrationEntity(integration, this.options.urls);
    await connection.applyMutation(
      entity
        ? { type: 'delta', added: [this.deferred(entity)], removed: [] }
        : {
            type: 'delta',
            added: [],
            removed: [
              {
                entityRef: integrationEntityRef(name),
                locationKey: this.getProviderName(),
              },
            ],
          },
    );
  }

  private async onConfigurationChanged(params: EventParams): Promise<void> {
    const { integration } = (params.eventPayload ??
      {}) as Partial<IntegrationConfigurationEvent>;
    const name = integrationNameSchema.safeParse(integration);
    if (!name.success) {
      this.options.logger.warn(
        `Ignored an event on ${INTEGRATION_CONFIGURATION_TOPIC} that names no integration`,
      );
      return;
    }
    this.queueRefresh(name.data);
  }

  /**
   * Reads the integration again in the background, after any read of it
   * still under way so that an older answer never lands last. The event is
   * handled at once: the integrations backend that published it must not
   * wait for the catalog, least of all while it is still starting and cannot
   * answer the read yet.
   */
  private queueRefresh(name: string): void {
    const read = (this.reading.get(name) ?? Promise.resolve())
      .then(() => this.refreshIntegration(name))
      .catch(error =>
        this.options.logger.warn(
          `Could not update the entity of the integration ${name}; it changes at the next full refresh`,
          error,
        ),
      )
      .finally(() => {
        if (this.reading.get(name) === read) {
          this.reading.delete(name);
        }
      });
    this.reading.set(name, read);
  }

  private deferred(entity: Entity) {
    return { entity, locationKey: this.getProviderName() };
  }

  private connected(): EntityProviderConnection {
    if (!this.connection) {
      throw new Error(
        `The ${this.getProviderName()} entity provider is not connected to the catalog`,
      );
    }
    return this.connection;
  }
}
