import {
  ProviderSimulator,
  startProviderSimulator,
} from '@internal/provider-simulator';
import { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { createStores } from './createStores';
import { Persona, as, portalPolicy } from './personas';
import { startIntegrationsBackend } from './testBackend';

/** Where the actions registry serves the plugin's actions. */
export const ACTIONS_PATH = '/api/integrations/.backstage/actions/v1/actions';

/**
 * The real plugin on a test database, seeded with the demo integrations
 * pointing at the provider simulator, under the portal's policy (`features`
 * add services); `invoke` runs an action as one of the personas, through
 * the registry's HTTP API.
 */
export async function startActionsBackend(
  knex: Knex,
  options: { features?: any[] } = {},
) {
  const simulator: ProviderSimulator = await startProviderSimulator({
    port: 0,
  });
  const server: Server = await startIntegrationsBackend({
    knex,
    config: {
      demo: { seed: true, simulator: { url: simulator.url } },
      network: { allowedCidrs: ['127.0.0.0/8'] },
    },
    features: [portalPolicy, ...(options.features ?? [])],
  });
  const stores = await createStores(knex);
  const invoke = (persona: Persona, action: string, input: object = {}) =>
    request(server)
      .post(
        `${ACTIONS_PATH}/${encodeURIComponent(
          `integrations:${action}`,
        )}/invoke`,
      )
      .set('Authorization', as(persona))
      .send(input);
  return { server, simulator, stores, invoke };
}
