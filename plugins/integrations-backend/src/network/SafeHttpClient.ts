import { RootConfigService } from '@backstage/backend-plugin-api';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect as netConnect, isIP, LookupFunction, Socket } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { connect as tlsConnect, rootCertificates, TLSSocket } from 'node:tls';
import { buildConnector, Client } from 'undici';
import { Cidr, parseCidrList } from './addressPolicy';
import { withDeadline } from './deadline';
import { describeCertificateProblem } from './failures';
import { OutboundRequestError } from './OutboundRequestError';
import {
  HostResolver,
  parseTarget,
  resolveTarget,
  systemResolver,
  Target,
} from './targets';

export type { HostResolver } from './targets';

export interface SafeHttpClientOptions {
  /** Non-public ranges that may be reached, such as `['10.20.0.0/16']`. */
  allowedCidrs?: string[];
  /** PEM CA certificates trusted in addition to the system ones. */
  trustedCertificates?: string[];
  resolver?: HostResolver;
  connectTimeoutMs?: number;
  /** For the whole request: DNS, connect, headers and body. */
  timeoutMs?: number;
  maxResponseBytes?: number;
}

export interface SafeHttpRequest {
  url: string;
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxResponseBytes?: number;
  signal?: AbortSignal;
}

export interface SafeHttpResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
  text(): string;
  /** Throws a SyntaxError, without the body in its message, for non-JSON. */
  json(): unknown;
  /** The address actually connected to. */
  remoteAddress: string;
  timings: { totalMs: number; firstByteMs: number };
}

export interface TlsInspection {
  authorized: boolean;
  /** Why the certificate is not trusted, in words with the OpenSSL code. */
  authorizationError?: string;
  /** ISO 8601. */
  validFrom: string;
  /** ISO 8601. */
  validTo: string;
  daysUntilExpiry: number;
  issuer: string;
  subject: string;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The one way the integrations backend calls out: health checks, connection
 * tests, token refreshes and webhook deliveries. Each call checks where the
 * URL's host resolves to against the address policy, then connects to exactly
 * those checked addresses, so a second DNS answer cannot redirect it.
 */
export class SafeHttpClient {
  private readonly allowedCidrs: Cidr[];
  /** Undefined keeps Node's default store, when nothing is added to it. */
  private readonly ca: string[] | undefined;
  private readonly resolver: HostResolver;
  private readonly connectTimeoutMs: number;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly inFlight = new Set<Client>();

  /** Reads `integrations.network`; all of it is optional. */
  static fromConfig(
    config: RootConfigService,
    options: { resolver?: HostResolver } = {},
  ): SafeHttpClient {
    const network = config.getOptionalConfig('integrations.network');
    return new SafeHttpClient({
      allowedCidrs: network?.getOptionalStringArray('allowedCidrs'),
      trustedCertificates: network
        ?.getOptionalStringArray('trustedCertificateFiles')
        ?.map(readCertificateFile),
      connectTimeoutMs: network?.getOptionalNumber('connectTimeoutMs'),
      timeoutMs: network?.getOptionalNumber('timeoutMs'),
      maxResponseBytes: network?.getOptionalNumber('maxResponseBytes'),
      resolver: options.resolver,
    });
  }

  constructor(options: SafeHttpClientOptions = {}) {
    this.allowedCidrs = parseCidrList(options.allowedCidrs ?? []);
    const trusted = options.trustedCertificates ?? [];
    trusted.forEach((pem, index) =>
      assertCertificate(pem, `trustedCertificates[${index}]`),
    );
    this.ca = trusted.length ? [...rootCertificates, ...trusted] : undefined;
    this.resolver = options.resolver ?? systemResolver;
    this.connectTimeoutMs =
      options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes =
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  /** Resolves and checks the URL's host; throws OutboundRequestError (invalid_url | dns_failure | blocked_by_policy). */
  async resolve(url: string): Promise<{
    hostname: string;
    port: number;
    addresses: string[];
    durationMs: number;
  }> {
    const target = parseTarget(url);
    const started = performance.now();
    const addresses = await resolveTarget(
      target,
      this.resolver,
      this.allowedCidrs,
    );
    return {
      hostname: target.hostname,
      port: target.port,
      addresses,
      durationMs: elapsedSince(started),
    };
  }

  /**
   * Opens (and closes) a TCP connection to the first allowed address, for a
   * tcp_connect probe step; `durationMs` covers the connection only.
   */
  async connect(
    url: string,
    options: { timeoutMs?: number } = {},
  ): Promise<{ address: string; durationMs: number }> {
    const target = parseTarget(url);
    const timeoutMs = options.timeoutMs ?? this.connectTimeoutMs;
    return withDeadline(
      {
        origin: target.origin,
        timeoutMs,
        connectTimeoutMs: timeoutMs,
        subject: 'Connection',
      },
      async signal => {
        const [address] = await this.checkedAddresses(target, signal);
        const started = performance.now();
        const socket = await whenOpen(
          netConnect({ host: address, port: target.port }),
          'connect',
          signal,
        );
        socket.destroy();
        return { address, durationMs: elapsedSince(started) };
      },
    );
  }

  /**
   * TLS handshake with the first allowed address (SNI = the URL's host name),
   * reporting the peer certificate even when it is not trusted: an untrusted
   * certificate gives authorized=false rather than an error.
   */
  async inspectTls(
    url: string,
    options: { timeoutMs?: number } = {},
  ): Promise<TlsInspection> {
    const target = parseTarget(url);
    if (target.url.protocol !== 'https:') {
      throw new OutboundRequestError(
        'invalid_url',
        target.origin,
        `TLS can only be inspected for https URLs, not ${target.origin}`,
      );
    }
    const timeoutMs = options.timeoutMs ?? this.connectTimeoutMs;
    return withDeadline(
      {
        origin: target.origin,
        timeoutMs,
        connectTimeoutMs: timeoutMs,
        subject: 'Connection',
      },
      async signal => {
        const [address] = await this.checkedAddresses(target, signal);
        const socket = await whenOpen(
          tlsConnect({
            host: address,
            port: target.port,
            // SNI carries names only; for an IP the certificate is checked against it.
            servername: target.isAddress ? undefined : target.hostname,
            ca: this.ca,
            rejectUnauthorized: false,
          }),
          'secureConnect',
          signal,
        );
        try {
          return inspectPeer(socket, target.origin);
        } finally {
          socket.destroy();
        }
      },
    );
  }

  /** Never follows redirects: a 3xx comes back as it is. */
  async request(req: SafeHttpRequest): Promise<SafeHttpResponse> {
    const started = performance.now();
    const target = parseTarget(req.url);
    const connectTimeoutMs = req.connectTimeoutMs ?? this.connectTimeoutMs;
    const maxResponseBytes = req.maxResponseBytes ?? this.maxResponseBytes;
    return withDeadline(
      {
        origin: target.origin,
        timeoutMs: req.timeoutMs ?? this.timeoutMs,
        connectTimeoutMs,
        subject: 'Request',
        signal: req.signal,
      },
      async signal => {
        const addresses = await this.checkedAddresses(target, signal);
        const connector = buildConnector({
          ca: this.ca,
          timeout: connectTimeoutMs,
          lookup: pinnedLookup(addresses),
        });
        let remoteAddress = addresses[0];
        // One client per request: a pooled connection can never outlive the
        // policy decision it was opened under.
        const client = new Client(target.url.origin, {
          connect: (connectOptions, callback) =>
            connector(connectOptions, (...result) => {
              remoteAddress = result[1]?.remoteAddress ?? remoteAddress;
              callback(...result);
            }),
        });
        this.inFlight.add(client);
        try {
          const response = await client.request({
            path: `${target.url.pathname}${target.url.search}`,
            method: req.method ?? 'GET',
            headers: req.headers,
            body: req.body,
            signal,
          });
          const firstByteMs = elapsedSince(started);
          const body = await readLimited(
            response.body,
            maxResponseBytes,
            target.origin,
          );
          return toResponse({
            status: response.statusCode,
            headers: joinHeaders(response.headers),
            body,
            origin: target.origin,
            remoteAddress,
            timings: { totalMs: elapsedSince(started), firstByteMs },
          });
        } finally {
          this.inFlight.delete(client);
          await client.destroy();
        }
      },
    );
  }

  /** Ends the requests still in flight, for a clean shutdown. */
  async close(): Promise<void> {
    await Promise.all([...this.inFlight].map(client => client.destroy()));
  }

  private checkedAddresses(
    target: Target,
    signal: AbortSignal,
  ): Promise<string[]> {
    return resolveTarget(target, this.resolver, this.allowedCidrs, signal);
  }
}

/** Hands the socket the addresses already checked instead of asking DNS again. */
function pinnedLookup(addresses: string[]): LookupFunction {
  const answers = addresses.map(address => ({
    address,
    family: isIP(address),
  }));
  return (_hostname, options, callback) => {
    if (options.all) {
      callback(null, answers);
    } else {
      callback(null, answers[0].address, answers[0].family);
    }
  };
}

function whenOpen<S extends Socket>(
  socket: S,
  event: 'connect' | 'secureConnect',
  signal: AbortSignal,
): Promise<S> {
  return new Promise<S>((resolve, reject) => {
    const fail = (error: unknown) => {
      socket.destroy();
      reject(error);
    };
    const onAbort = () => fail(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    // Stays attached: an error after opening must not go unhandled.
    socket.on('error', fail);
    socket.once(event, () => {
      signal.removeEventListener('abort', onAbort);
      resolve(socket);
    });
  });
}

function inspectPeer(socket: TLSSocket, origin: string): TlsInspection {
  const certificate = socket.getPeerX509Certificate();
  if (!certificate) {
    throw new OutboundRequestError(
      'tls_error',
      origin,
      `${origin} presented no certificate`,
    );
  }
  const validTo = new Date(certificate.validTo);
  return {
    authorized: socket.authorized,
    ...(socket.authorized
      ? {}
      : {
          authorizationError: describeCertificateProblem(
            String(socket.authorizationError),
          ),
        }),
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: validTo.toISOString(),
    daysUntilExpiry: Math.floor((validTo.getTime() - Date.now()) / DAY_MS),
    issuer: certificate.issuer.split('\n').join(', '),
    subject: certificate.subject.split('\n').join(', '),
  };
}

async function readLimited(
  body: AsyncIterable<Buffer>,
  maxBytes: number,
  origin: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early destroys the stream, which stops the download.
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      throw new OutboundRequestError(
        'response_too_large',
        origin,
        `The response from ${origin} is larger than ${maxBytes} bytes`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function joinHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      joined[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return joined;
}

function toResponse(parts: {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  origin: string;
  remoteAddress: string;
  timings: SafeHttpResponse['timings'];
}): SafeHttpResponse {
  const { origin, ...response } = parts;
  const text = () => response.body.toString('utf8');
  return {
    ...response,
    text,
    json: () => {
      try {
        return JSON.parse(text());
      } catch {
        throw new SyntaxError(`The response from ${origin} is not valid JSON`);
      }
    },
  };
}

function readCertificateFile(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(resolvePath(file), 'utf8');
  } catch (error) {
    throw new Error(
      `Could not read ${file} from integrations.network.trustedCertificateFiles: ${error}`,
    );
  }
  assertCertificate(pem, file);
  return pem;
}

// A string that is not PEM would be ignored by TLS without a word, leaving
// the certificate untrusted for reasons nobody could see.
function assertCertificate(pem: string, label: string): void {
  try {
    new X509Certificate(pem); // eslint-disable-line no-new
  } catch {
    throw new Error(`${label} is not a PEM certificate`);
  }
}

function elapsedSince(started: number): number {
  return Math.round(performance.now() - started);
}
