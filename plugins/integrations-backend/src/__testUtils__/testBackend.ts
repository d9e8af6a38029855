import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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

/**
 * The plugin's config in tests: demo data, a test key ring, and scheduled
 * tasks out of the way; `integrations` adds to or replaces its keys.
 */
export function integrationsTestConfig(integrations: JsonObject = {}) {
  return mockServices.rootConfig.factory({
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
        ...integrations,
      },
    },
  });
}

/** Allows every permission but the named ones, conditional decisions too. */
export function allowingAllBut(...denied: string[]) {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: denied.includes(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
    authorizeConditional: async requests =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  }).factory;
}

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
      integrationsTestConfig(options.config),
      ...(options.features ?? []),
    ],
  });
  return server;
}
