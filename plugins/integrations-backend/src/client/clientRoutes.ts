import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  environmentSchema,
  integrationNameSchema,
  usageEventSchema,
  ValidationIssue,
} from '@internal/plugin-integrations-common';
import express from 'express';
import Router from 'express-promise-router';
import { invalidFields } from '../requestErrors/invalidRequest';
import { ClientCall, ClientCallService } from './ClientCallService';
import { MAX_PATH_LENGTH } from './providerRequest';

/** Largest request body a plugin may send on to a provider. */
const MAX_BODY = '10mb';

/** What a calling plugin may say about its call, besides the request itself. */
const CLIENT_HEADERS = {
  environment: 'x-integrations-environment',
  component: 'x-integrations-component',
  endpoint: 'x-integrations-endpoint',
  timeoutMs: 'x-integrations-timeout-ms',
};

const METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
]);

/**
 * The client's own router, which the plugin mounts ahead of its API router:
 * the body of a call must reach the provider as sent, so the API's JSON
 * parser may not read it first.
 */
export function createClientRouter(
  options: Parameters<typeof addClientRoutes>[1],
): express.Router {
  const router = Router();
  addClientRoutes(router, options);
  return router;
}

/**
 * `/client/<integration>/<the provider's path>`: other backend plugins call
 * an integration here (through `@internal/plugin-integrations-node`) and get
 * the provider's answer, without ever holding its credentials.
 *
 * The body is taken raw, whatever its content type, and sent on byte for
 * byte.
 */
export function addClientRoutes(
  router: express.Router,
  options: { httpAuth: HttpAuthService; client: ClientCallService },
) {
  const { httpAuth, client } = options;

  router.all(
    /^\/client(\/|$)/,
    express.raw({ type: () => true, limit: MAX_BODY }),
    async (req, res) => {
      const pluginId = await callingPlugin(httpAuth, req).catch(async error => {
        await auditRefusedCaller(httpAuth, client, req, error);
        throw error;
      });
      const call = parseCall(req, pluginId);
      const answer = await client.call(call);
      res.status(answer.status);
      res.set(answer.headers);
      res.set({
        'x-integrations-attempts': String(answer.attempts),
        'x-integrations-throttle-delay-ms': String(answer.throttleDelayMs),
        'x-integrations-breaker': answer.breaker,
      });
      res.end(call.method === 'HEAD' ? undefined : answer.body);
    },
  );
}

/** Only backend plugins call integrations here, with their own service token. */
async function callingPlugin(
  httpAuth: HttpAuthService,
  req: express.Request,
): Promise<string> {
  const credentials = await httpAuth.credentials(req, { allow: ['service'] });
  const subject = credentials.principal.subject;
  if (!subject.startsWith('plugin:')) {
    throw new NotAllowedError(
      `Only backend plugins may call integrations through the client; ${subject} is not one`,
    );
  }
  return subject.slice('plugin:'.length);
}

/**
 * A person or an outside service tried to use an integration's credentials:
 * the refusal goes in the audit log, under the integration the path names.
 */
async function auditRefusedCaller(
  httpAuth: HttpAuthService,
  client: ClientCallService,
  req: express.Request,
  error: unknown,
): Promise<void> {
  if (!(error instanceof NotAllowedError)) {
    return;
  }
  const [, rawName = ''] = /^\/client\/([^/?]*)/.exec(req.url) ?? [];
  if (!integrationNameSchema.safeParse(rawName).success) {
    return;
  }
  const credentials = await httpAuth
    .credentials(req, { allow: ['user', 'service'] })
    .catch(() => undefined);
  const principal = credentials?.principal;
  let actor = 'unknown';
  if (principal?.type === 'user') {
    actor = principal.userEntityRef;
  } else if (principal?.type === 'service') {
    actor = principal.subject;
  }
  const environment = environmentSchema.safeParse(
    req.get(CLIENT_HEADERS.environment),
  );
  await client.recordRefusal(
    actor,
    rawName,
    environment.success ? environment.data : undefined,
    error,
  );
}

function parseCall(req: express.Request, pluginId: string): ClientCall {
  if (req.url.length > MAX_PATH_LENGTH) {
    throw invalidFields([
      {
        path: 'path',
        message: `At most ${MAX_PATH_LENGTH} characters with the query`,
      },
    ]);
  }
  const [, rawName = '', rawPath = ''] =
    /^\/client\/([^/?]*)(.*)$/.exec(req.url) ?? [];
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    name = rawName;
  }
  const problems: ValidationIssue[] = [];
  if (!integrationNameSchema.safeParse(name).success) {
    problems.push({
      path: 'path.integration',
      message:
        'Lowercase letters, digits and single dashes, e.g. /client/stripe/v1/customers',
    });
  }
  if (!METHODS.has(req.method)) {
    problems.push({
      path: 'method',
      message: `One of ${[...METHODS].join(', ')}`,
    });
  }
  const environment = req.get(CLIENT_HEADERS.environment);
  if (environment && !environmentSchema.safeParse(environment).success) {
    problems.push({
      path: `headers.${CLIENT_HEADERS.environment}`,
      message: 'production, staging or development',
    });
  }
  const endpoint = req.get(CLIENT_HEADERS.endpoint);
  if (
    endpoint &&
    !usageEventSchema.shape.endpoint.safeParse(endpoint).success
  ) {
    problems.push({
      path: `headers.${CLIENT_HEADERS.endpoint}`,
      message:
        'A template such as /v1/customers/{id}, up to 300 characters without spaces',
    });
  }
  const component = req.get(CLIENT_HEADERS.component);
  if (
    component &&
    !usageEventSchema.shape.component.safeParse(component).success
  ) {
    problems.push({
      path: `headers.${CLIENT_HEADERS.component}`,
      message: 'A catalog Component ref such as component:default/checkout',
    });
  }
  const timeout = req.get(CLIENT_HEADERS.timeoutMs);
  const timeoutMs = timeout === undefined ? undefined : Number(timeout);
  if (
    timeoutMs !== undefined &&
    !(Number.isInteger(timeoutMs) && timeoutMs >= 100 && timeoutMs <= 120_000)
  ) {
    problems.push({
      path: `headers.${CLIENT_HEADERS.timeoutMs}`,
      message: 'Whole milliseconds, 100 to 120000',
    });
  }
  if (problems.length) {
    throw invalidFields(problems);
  }
  return {
    pluginId,
    integration: name,
    ...(environment
      ? { environment: environment as ClientCall['environment'] }
      : {}),
    method: req.method as ClientCall['method'],
    path: rawPath.startsWith('/') ? rawPath : `/${rawPath}`,
    headers: req.headers,
    body: Buffer.isBuffer(req.body) ? req.body : undefined,
    ...(endpoint ? { endpoint } : {}),
    ...(component ? { component } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}
