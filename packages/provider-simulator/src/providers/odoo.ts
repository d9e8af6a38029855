import express, { Router } from 'express';
import { ProviderContext, ProviderErrors, SimulatedProvider } from './types';
import { statusText } from './http';

/** Werkzeug's HTML error page: what Odoo answers when the failure is not in a JSON-RPC call. */
function werkzeugPage(status: number) {
  const title = statusText(status);
  return {
    status,
    body: `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>The server could not handle the request.</p>\n`,
  };
}

const errors: ProviderErrors = {
  unauthorized: () => werkzeugPage(401),
  rateLimited: () => werkzeugPage(429),
  failure: status => werkzeugPage(status),
  notFound: () => werkzeugPage(404),
};

const UID = 2;

const VERSION = {
  server_version: '17.0',
  server_version_info: [17, 0, 0, 'final', 0, ''],
  server_serie: '17.0',
  protocol_version: 1,
};

/** What `execute_kw` returns for the model methods a health check would call, whatever the model. */
const MODEL_METHODS: Record<string, unknown> = {
  check_access_rights: true,
  search_count: 42,
  search: [1, 2, 3],
  search_read: [
    { id: 1, name: 'Acme Shop' },
    { id: 2, name: 'Ada Lovelace' },
    { id: 3, name: 'Grace Hopper' },
  ],
};

type Outcome =
  | { result: unknown }
  | { error: { code: number; message: string; data?: unknown } };

interface RpcCall {
  id: unknown;
  service: string;
  method: string;
  args: unknown[];
}

/** Odoo reports Python exceptions as JSON-RPC errors with code 200. */
function serverError(name: string, message: string): Outcome {
  return {
    error: {
      code: 200,
      message: 'Odoo Server Error',
      data: { name, message, debug: '' },
    },
  };
}

const isText = (value: unknown): value is string =>
  typeof value === 'string' && value !== '';

type RpcMessage = {
  jsonrpc?: unknown;
  id?: unknown;
  params?: { service?: unknown; method?: unknown; args?: unknown };
} | null;

function parseJson(text: unknown): unknown {
  try {
    return JSON.parse(String(text));
  } catch {
    return undefined;
  }
}

function parseCall(body: unknown): RpcCall | undefined {
  const message = parseJson(body) as RpcMessage | undefined;
  const params = message?.params;
  if (
    message?.jsonrpc !== '2.0' ||
    !isText(params?.service) ||
    !isText(params?.method) ||
    !Array.isArray(params?.args)
  ) {
    return undefined;
  }
  return {
    id: message.id ?? null,
    service: params.service,
    method: params.method,
    args: params.args,
  };
}

function call(
  { service, method, args }: RpcCall,
  context: ProviderContext,
): Outcome {
  const rejected = context.behaviour().rejectCredentials;
  if (service === 'common' && method === 'version') {
    return { result: VERSION };
  }
  if (service === 'common' && method === 'authenticate') {
    const [db, login, apiKey] = args;
    // Odoo answers a failed login with `false`, not with an error.
    const valid = !rejected && isText(db) && isText(login) && isText(apiKey);
    return { result: valid ? UID : false };
  }
  if (service === 'object' && method === 'execute_kw') {
    const [db, uid, apiKey, model, modelMethod] = args;
    const valid =
      !rejected &&
      isText(db) &&
      Number.isInteger(uid) &&
      Number(uid) > 0 &&
      isText(apiKey);
    if (!valid) {
      return serverError('odoo.exceptions.AccessDenied', 'Access Denied');
    }
    if (
      !isText(model) ||
      !isText(modelMethod) ||
      !Object.hasOwn(MODEL_METHODS, modelMethod)
    ) {
      return serverError(
        'builtins.AttributeError',
        `The method '${String(
          modelMethod,
        )}' does not exist on the model '${String(model)}'`,
      );
    }
    return { result: MODEL_METHODS[modelMethod] };
  }
  return serverError('builtins.KeyError', `'${service}.${method}'`);
}

function routes(context: ProviderContext): Router {
  const router = Router();

  // Read as text so that a malformed body gets a JSON-RPC error, not a body-parser one.
  router.post('/jsonrpc', express.text({ type: () => true }), (req, res) => {
    const rpcCall = parseCall(req.body);
    // Odoo answers 200 even for errors; the outcome is in the body.
    res.json({
      jsonrpc: '2.0',
      id: rpcCall?.id ?? null,
      ...(rpcCall
        ? call(rpcCall, context)
        : { error: { code: -32600, message: 'Invalid Request' } }),
    });
  });

  return router;
}

export const odooProvider: SimulatedProvider = {
  id: 'odoo',
  defaultScopes: [],
  // Odoo publishes no limit; this only keeps a runaway client in check.
  rateLimit: { limit: 1000, windowMs: 60 * 1000 },
  errors,
  routes,
};
