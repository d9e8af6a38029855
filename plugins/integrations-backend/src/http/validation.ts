import {
  environmentQuerySchema,
  integrationNameSchema,
  integrationReadPermission,
} from '@internal/plugin-integrations-common';
import { Request } from 'express';
import { z } from 'zod';
import { RequestGuard } from '../permissions/RequestGuard';
import { integrationResourceRef } from '../permissions/rules';
import { invalidFields } from '../requestErrors/invalidRequest';

/**
 * Where the input holds a NUL character, in a value or a key. PostgreSQL's
 * text cannot store one (nor compare with one), so such input would fail in
 * the database. Walks with its own stack: the input may be nested deeply.
 */
function nulCharacterPath(input: unknown): string[] | undefined {
  interface Visit {
    node: unknown;
    key?: string;
    parent?: Visit;
  }
  const pathOf = (visit: Visit): string[] => {
    const path: string[] = [];
    for (let at: Visit | undefined = visit; at?.parent; at = at.parent) {
      path.unshift(at.key!);
    }
    return path;
  };
  const pending: Visit[] = [{ node: input }];
  while (pending.length > 0) {
    const visit = pending.pop()!;
    const { node } = visit;
    if (typeof node === 'string' && node.includes('\u0000')) {
      return pathOf(visit);
    }
    if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key.includes('\u0000')) {
          return pathOf(visit);
        }
        pending.push({ node: value, key, parent: visit });
      }
    }
  }
  return undefined;
}

/**
 * Parses request input (or an action's, `input`), turning every schema
 * violation into a 400 that names the field.
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  where: 'body' | 'query' | 'params' | 'input',
): z.infer<T> {
  const nulAt = nulCharacterPath(input);
  if (nulAt) {
    throw invalidFields([
      {
        path: [where, ...nulAt].join('.'),
        message: 'Must not contain the NUL character (U+0000)',
      },
    ]);
  }
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
