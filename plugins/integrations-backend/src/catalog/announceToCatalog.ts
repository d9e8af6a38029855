import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  INTEGRATION_CONFIGURATION_TOPIC,
  IntegrationConfigurationEvent,
} from '@internal/plugin-integrations-common';

/**
 * What the configuration store calls once a change has committed: one event
 * per integration it touched, so the catalog updates that integration's
 * Resource at once instead of at its next full read. Never throws, since the
 * change stands either way and the catalog's schedule catches up.
 */
export function announceToCatalog(options: {
  events: EventsService;
  logger: LoggerService;
}): (integrations: string[]) => Promise<void> {
  const { events, logger } = options;
  return async integrations => {
    for (const integration of integrations) {
      const eventPayload: IntegrationConfigurationEvent = { integration };
      try {
        await events.publish({
          topic: INTEGRATION_CONFIGURATION_TOPIC,
          eventPayload,
        });
      } catch (error) {
        logger.warn(
          `Could not announce the change to ${integration} on ${INTEGRATION_CONFIGURATION_TOPIC}; the catalog shows it after its next full refresh`,
          error as Error,
        );
      }
    }
  };
}
