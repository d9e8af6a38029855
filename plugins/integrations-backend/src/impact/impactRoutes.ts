import {
  Environment,
  integrationReadPermission,
  optionalEnvironmentQuerySchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import { nameParamsSchema, parseInput } from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { integrationResourceRef } from '../permissions/rules';
import { ImpactService } from './ImpactService';

/**
 * `GET /:name/impact?environment=`: what in the catalog depends on the
 * integration and who owns it, told by its health in the environment
 * (production unless named). The caller needs to read the configuration;
 * the catalog is read on their behalf, so it shows only what they may see.
 */
export function addImpactRoutes(
  router: express.Router,
  options: { guard: RequestGuard; impact: ImpactService },
) {
  const { guard, impact } = options;

  router.get('/:name/impact', async (req, res) => {
    const credentials = await guard.credentials(req);
    const { name } = parseInput(nameParamsSchema, req.params, 'params');
    const environment: Environment =
      parseInput(optionalEnvironmentQuerySchema, req.query, 'query')
        .environment ?? 'production';
    await guard.authorizeResources(credentials, integrationReadPermission, [
      integrationResourceRef(name, environment),
    ]);
    res.json(await impact.impactOf(name, environment, credentials));
  });
}
