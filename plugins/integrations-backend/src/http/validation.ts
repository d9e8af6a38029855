import {
  environmentQuerySchema,
  integrationNameSchema,
  integrationReadPermission,
} from '@internal/plugin-integrations-common';
import { Request } from 'express';
import { z } from 'zod';
import { RequestGuard } from '../permissions/RequestGuard';
import { integrationResourceRef } from '../permissions/rules';
import { invalidFields } from '../errors/invalidRequest';

/** Parses request input, turning every schema violation into a 400 that names the field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  where: 'body' | 'query' | 'params',
): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    throw invalidFields(
      result.error.issues.map(issue => ({
        path: [where, ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
    );
  }
  return result.data;
}

export const nameParamsSchema = z.strictObject({ name: integrationNameSchema });

/** `:name` and `?environment=` of a request about one configuration. */
export function parseConfigurationTarget(req: Request) {
  const { name } = parseInput(nameParamsSchema, req.params, 'params');
  const { environment } = parseInput(
    environmentQuerySchema,
    req.query,
    'query',
  );
  return { name, environment };
}

/** The configuration a read request names, once the caller may read it. */
export async function readableConfiguration(guard: RequestGuard, req: Request) {
  const credentials = await guard.credentials(req);
  const { name, environment } = parseConfigurationTarget(req);
  await guard.authorizeResources(credentials, integrationReadPermission, [
    integrationResourceRef(name, environment),
  ]);
  return { name, environment };
}
