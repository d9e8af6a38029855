import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  integrationReadPermission,
  listConfigsQuerySchema,
  ListConfigsResponse,
} from '@internal/plugin-integrations-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { IntegrationConfigStore } from '../database/IntegrationConfigStore';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: IntegrationConfigStore;
}

/** Parses request input, turning every schema violation into a 400 that names the field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  where: string,
): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map(
      issue => `${[where, ...issue.path].join('.')}: ${issue.message}`,
    );
    throw new InputError(`Invalid request. ${problems.join('; ')}`);
  }
  return result.data;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, store } = options;

  const router = Router();
  router.use(express.json());

  router.get('/configs', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: integrationReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Missing permission ${integrationReadPermission.name}`,
      );
    }
    const query = parseInput(listConfigsQuerySchema, req.query, 'query');
    const items = await store.listConfigs(query);
    const response: ListConfigsResponse = { items, totalCount: items.length };
    res.json(response);
  });

  return router;
}
