import {
  CatalogIntegrationsResponse,
  catalogIntegrationsQuerySchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { ConfigStore } from '../configuration/ConfigStore';
import { parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { readCatalogIntegrations } from './catalogIntegrations';

/**
 * `GET /catalog/integrations`: what the catalog module makes its Resources
 * of. Only for other plugins: it answers without a permission check, since
 * the catalog decides itself who may see its entities.
 */
export function addCatalogRoutes(
  router: express.Router,
  options: { guard: RequestGuard; configs: ConfigStore },
) {
  const { guard, configs } = options;

  router.get('/catalog/integrations', async (req, res) => {
    await guard.serviceCredentials(req);
    const { name } = parseInput(
      catalogIntegrationsQuerySchema,
      req.query,
      'query',
    );
    const response: CatalogIntegrationsResponse = {
      items: await readCatalogIntegrations(configs, name),
    };
    res.json(response);
  });
}
