import { InputError } from '@backstage/errors';
import {
  IntegrationConfig,
  ProviderDefinition,
} from '@internal/plugin-integrations-common';
import { MissingValueError } from '../connectionTests/probeRequest';

/** Longest path and query a caller may send, as most servers allow. */
export const MAX_PATH_LENGTH = 8192;

/**
 * Headers that belong to one hop, or to the caller's own session with the
 * portal, and so never travel on (RFC 9110 section 7.6.1).
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const NOT_FORWARDED = new Set([
  ...HOP_BY_HOP,
  'host',
  'authorization',
  'cookie',
  'content-length',
  'expect',
  'forwarded',
  'x-real-ip',
  // The body comes back byte for byte, so it must come uncompressed.
  'accept-encoding',
  // A compressed request body arrives inflated by the body parser.
  'content-encoding',
]);

const NOT_RETURNED = new Set([...HOP_BY_HOP, 'content-length', 'set-cookie']);

/** The caller's headers that go on to the provider; the backend adds the credentials. */
export function forwardedHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const kept: Record<string, string> = {};
  const named = connectionOptions(headers.connection);
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (
      value === undefined ||
      NOT_FORWARDED.has(lower) ||
      named.has(lower) ||
      lower.startsWith('x-forwarded-') ||
      lower.startsWith('x-integrations-')
    ) {
      continue;
    }
    kept[lower] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

/** The provider's headers that go back to the caller. */
export function returnedHeaders(
  headers: Record<string, string>,
): Record<string, string> {
  const named = connectionOptions(headers.connection);
  return Object.fromEntries(
    Object.entries(headers).filter(
      ([name]) => !NOT_RETURNED.has(name) && !named.has(name),
    ),
  );
}

/** Headers the Connection header names are for this hop only, too. */
function connectionOptions(value: string | string[] | undefined): Set<string> {
  const list = Array.isArray(value) ? value.join(',') : value ?? '';
  return new Set(
    list
      .split(',')
      .map(name => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

// `{credentials.x}` or `{settings.x}`, also as a client's URL encoding sends it.
const PLACEHOLDER =
  /(?:\{|%7B)(credentials|settings)\.([A-Za-z0-9_]+)(?:\}|%7D)/gi;

/**
 * The endpoint as the caller wrote it, braces and all, for usage analytics:
 * a credential placeholder stays a placeholder.
 */
export function pathTemplate(path: string): string {
  return path.split('?')[0].replace(/%7B/gi, '{').replace(/%7D/gi, '}');
}

/**
 * The URL of a call: the caller's path under the integration's base URL,
 * with `{settings.x}` filled in, and `{credentials.x}` too for providers
 * that take the credential in the path (Telegram's `/bot{credentials.botToken}/`).
 * The path may not leave the base URL's path, however it is encoded.
 */
export function providerUrl(
  config: IntegrationConfig,
  provider: ProviderDefinition | undefined,
  path: string,
  credentials: Record<string, string>,
): string {
  const base = config.connectionConfig.baseUrl.replace(/\/+$/, '');
  const filled = path.replace(
    PLACEHOLDER,
    (match, source: string, field: string) => {
      if (source.toLowerCase() === 'settings') {
        const value = config.featureConfig.featureSettings[field];
        if (value === undefined || value === null || value === '') {
          throw new MissingValueError('settings', field);
        }
        return encodeURIComponent(String(value));
      }
      if (provider?.probes.auth.scheme !== 'in_request') {
        return match;
      }
      const value = credentials[field];
      if (!value) {
        throw new MissingValueError('credentials', field);
      }
      return encodeURIComponent(value);
    },
  );
  const url = `${base}${filled}`;
  let target: URL;
  let root: URL;
  try {
    target = new URL(url);
    root = new URL(base);
  } catch {
    throw new InputError(`The path is not a valid URL path`);
  }
  const basePath = `${root.pathname.replace(/\/+$/, '')}/`;
  if (
    target.origin !== root.origin ||
    !`${target.pathname}/`.startsWith(basePath)
  ) {
    throw new InputError(
      `The path leaves the integration's base path ${basePath}: it may not climb out with .. segments`,
    );
  }
  return target.toString();
}

/**
 * Replaces every credential value in an answer: a provider that echoes the
 * request (or an error page quoting it) must not hand the secret over.
 */
export function scrubSecrets(
  answer: { headers: Record<string, string>; body: Buffer },
  secrets: string[],
): { headers: Record<string, string>; body: Buffer } {
  const present = secrets.filter(secret => secret.length >= 6);
  if (!present.length) {
    return answer;
  }
  const scrubText = (text: string) =>
    present.reduce((out, secret) => out.split(secret).join('***'), text);
  const headers = Object.fromEntries(
    Object.entries(answer.headers).map(([name, value]) => [
      name,
      scrubText(value),
    ]),
  );
  let body = answer.body;
  for (const secret of present) {
    for (const form of [secret, encodeURIComponent(secret)]) {
      if (body.includes(form)) {
        body = replaceAll(body, Buffer.from(form), Buffer.from('***'));
      }
    }
  }
  return { headers, body };
}

function replaceAll(body: Buffer, find: Buffer, replacement: Buffer): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (
    let at = body.indexOf(find, start);
    at !== -1;
    at = body.indexOf(find, start)
  ) {
    parts.push(body.subarray(start, at), replacement);
    start = at + find.length;
  }
  parts.push(body.subarray(start));
  return Buffer.concat(parts);
}
