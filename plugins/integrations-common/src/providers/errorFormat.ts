/**
 * Where a provider puts the parts of an error in its JSON answers, as
 * dot-separated paths (`error.decline_code`, `errors.0.reason`); the first
 * path that holds a value wins.
 */
export interface ProviderErrorFormat {
  /** The provider's own error code: what groups its errors. */
  code: string[];
  message: string[];
  /** A link to the provider's page about the error, when answers carry one. */
  documentationUrl?: string[];
  /** The response header naming the request, for the provider's support. */
  requestIdHeader?: string;
}

/** What a provider's error answer says of itself. */
export interface ProviderErrorDetails {
  code?: string;
  message?: string;
  documentationUrl?: string;
  requestId?: string;
}

/** The shapes most JSON APIs use, for providers without a format of their own. */
export const GENERIC_ERROR_FORMAT: ProviderErrorFormat = {
  code: ['error.code', 'code', 'error_code', 'errors.0.code', 'error'],
  message: [
    'error.message',
    'error.data.message',
    'error_description',
    'message',
    'description',
    'detail',
    'errors.0.message',
    'title',
    'error',
  ],
  documentationUrl: ['documentation_url', 'doc_url', 'error.doc_url'],
};

/** Longer codes and messages are not codes: they are cut to this length. */
const MAX_LENGTH = 300;

function valueAt(body: unknown, path: string): unknown {
  let node = body;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') {
      return undefined;
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function firstText(body: unknown, paths: string[] | undefined) {
  for (const path of paths ?? []) {
    const value = valueAt(body, path);
    if (
      (typeof value === 'string' && value.trim()) ||
      (typeof value === 'number' && Number.isFinite(value))
    ) {
      return String(value).trim().slice(0, MAX_LENGTH);
    }
  }
  return undefined;
}

/**
 * The code, message, documentation link and request id of a provider's
 * error answer. Only an https link is kept, so a page never links to a
 * script the provider's answer made up.
 */
export function providerErrorOf(
  provider: { probes: { errorFormat?: ProviderErrorFormat } } | undefined,
  answer: { bodyText: string; headers?: Record<string, string> },
): ProviderErrorDetails {
  const format = provider?.probes.errorFormat ?? GENERIC_ERROR_FORMAT;
  let body: unknown;
  try {
    body = JSON.parse(answer.bodyText);
  } catch {
    body = undefined;
  }
  // OAuth token endpoints answer in RFC 6749's shape whatever the API's
  // own format: the common shapes are read when the provider's find nothing.
  const read = (paths: (f: ProviderErrorFormat) => string[] | undefined) =>
    firstText(body, paths(format)) ??
    firstText(body, paths(GENERIC_ERROR_FORMAT));
  const code = read(f => f.code);
  const message = read(f => f.message);
  const link = read(f => f.documentationUrl);
  const requestId = format.requestIdHeader
    ? answer.headers?.[format.requestIdHeader.toLowerCase()]?.slice(0, 200)
    : undefined;
  return {
    ...(code ? { code } : {}),
    ...(message ? { message } : {}),
    ...(link && /^https:\/\/[^\s]+$/.test(link)
      ? { documentationUrl: link }
      : {}),
    ...(requestId ? { requestId } : {}),
  };
}
