import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { Server } from 'node:http';
import { integrationsPlugin } from '../plugin';

/** Scheduled tasks stay out of the way; tests call the API instead. */
const quietSchedule = {
  frequency: { hours: 24 },
  timeout: { minutes: 1 },
  initialDelay: { hours: 24 },
};

/** An integrations admin's token, as the router tests send it. */
export const asAdmin = mockCredentials.user.header('user:default/ada.admin');

/**
 * The real plugin with its real router on the given test database, seeded
 * with the demo data; every permission is allowed unless `features` replace
 * the permissions service.
 */
export async function startIntegrationsBackend(options: {
  knex: Knex;
  config?: JsonObject;
  features?: any[];
}): Promise<Server> {
  const { server } = await startTestBackend({
    features: [
      integrationsPlugin,
      mockServices.database.factory({
        knex: options.knex,
        migrations: { skip: false },
      }),
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            demo: { seed: true },
            encryption: {
              primaryKeyId: 'test-2026',
              keys: [
                {
                  id: 'test-2026',
                  secret: 'backend-test-key-0123456789-abcdefghijklmnop',
                },
              ],
            },
            health: { schedule: quietSchedule },
            tokenRefresh: { schedule: quietSchedule },
            alerts: { schedule: quietSchedule },
            errors: { incidentSchedule: quietSchedule },
            ...options.config,
          },
        },
      }),
      ...(options.features ?? []),
    ],
  });
  return server;
}
