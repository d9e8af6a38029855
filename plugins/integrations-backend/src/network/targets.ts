import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Cidr, isAddressAllowed } from './addressPolicy';
import { abortable } from './deadline';
import { errorCode } from './failures';
import { OutboundRequestError } from './OutboundRequestError';

export type HostResolver = (
  hostname: string,
) => Promise<Array<{ address: string; family: 4 | 6 }>>;

/** A URL that passed the syntactic rules, before its host is checked. */
export interface Target {
  url: URL;
  /** scheme://host:port, the only part of the URL that errors may show. */
  origin: string;
  /** Without the brackets of an IPv6 literal. */
  hostname: string;
  port: number;
  /** Whether the host is an IP address, which is checked without DNS. */
  isAddress: boolean;
}

const DEFAULT_PORTS = new Map([
  ['http:', 80],
  ['https:', 443],
]);

export const systemResolver: HostResolver = async hostname => {
  const answers = await lookup(hostname, { all: true, order: 'verbatim' });
  return answers.map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));
};

/**
 * Applies the URL rules: http or https only, no credentials in the URL.
 * WHATWG parsing already turns decimal, hex, octal and short IPv4 hosts
 * (2130706433, 0x7f.1, 0177.0.0.1, 127.1) into dotted quads.
 */
export function parseTarget(rawUrl: string): Target {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new OutboundRequestError('invalid_url', '', 'The URL is not valid');
  }
  const defaultPort = DEFAULT_PORTS.get(url.protocol);
  if (defaultPort === undefined) {
    throw new OutboundRequestError(
      'invalid_url',
      `${url.protocol}//${url.host}`,
      `Only http and https URLs are allowed, not ${url.protocol}`,
    );
  }
  const port = url.port ? Number(url.port) : defaultPort;
  const origin = `${url.protocol}//${url.hostname}:${port}`;
  if (url.username || url.password) {
    throw new OutboundRequestError(
      'invalid_url',
      origin,
      `The URL for ${origin} has credentials in it; send them in a header instead`,
    );
  }
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { url, origin, hostname, port, isAddress: isIP(hostname) !== 0 };
}

/**
 * The addresses to connect to, each allowed by the policy. A name that
 * resolves to any refused address is refused as a whole: a mix of public and
 * internal answers is how DNS rebinding gets past a check of the first one.
 */
export async function resolveTarget(
  target: Target,
  resolver: HostResolver,
  allowedCidrs: readonly Cidr[],
  signal?: AbortSignal,
): Promise<string[]> {
  const addresses = target.isAddress
    ? [target.hostname]
    : await resolveName(target, resolver, signal);
  for (const address of addresses) {
    const decision = isAddressAllowed(address, allowedCidrs);
    if (!decision.allowed) {
      throw new OutboundRequestError(
        'blocked_by_policy',
        target.origin,
        `Refusing to connect to ${target.origin}: ${decision.reason}`,
      );
    }
  }
  return addresses;
}

async function resolveName(
  target: Target,
  resolver: HostResolver,
  signal: AbortSignal | undefined,
): Promise<string[]> {
  let answers;
  try {
    answers = await abortable(resolver(target.hostname), signal);
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    const code = errorCode(error);
    throw new OutboundRequestError(
      'dns_failure',
      target.origin,
      `Could not resolve the host of ${target.origin}${
        code ? ` (${code})` : ''
      }`,
    );
  }
  if (answers.length === 0) {
    throw new OutboundRequestError(
      'dns_failure',
      target.origin,
      `The host of ${target.origin} resolved to no addresses`,
    );
  }
  return answers.map(answer => answer.address);
}
