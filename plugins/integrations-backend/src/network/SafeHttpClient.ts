import { RootConfigService } from '@backstage/backend-plugin-api';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import { buildConnector, Client } from 'undici';
import { Cidr, parseCidrList } from './addressPolicy';
import {
  assertCertificate,
  inspectPeer,
  readCertificateFile,
  TlsInspection,
} from './certificates';
import { withDeadline } from './deadline';
import { OutboundRequestError } from './OutboundRequestError';
import {
  joinHeaders,
  readLimited,
  SafeHttpResponse,
  toResponse,
} from './responses';
import { pinnedLookup, whenOpen } from './sockets';
import {
  HostResolver,
  parseTarget,
  resolveTarget,
  systemResolver,
  Target,
} from './targets';

export type { TlsInspection } from './certificates';
export type { SafeHttpResponse } from './responses';
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
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
  connectTimeoutMs?: number;
  maxResponseBytes?: number;
  signal?: AbortSignal;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

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

  /**
   * Reads `integrations.network`, all of it optional; certificate files are
   * relative to the working directory.
   */
  static fromConfig(
    config: RootConfigService,
    options: { resolver?: HostResolver } = {},
  ): SafeHttpClient {
    const network = config.getOptionalConfig('integrations.network');
    return new SafeHttpClient({
      allowedCidrs: network?.getOptionalStringArray('allowedCidrs'),
      trustedCertificates: [
        ...(network
          ?.getOptionalStringArray('trustedCertificateFiles')
          ?.map(readCertificateFile) ?? []),
        ...(network?.getOptionalStringArray('trustedCertificates') ?? []),
      ],
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

  /**
   * Resolves and checks the URL's host; throws OutboundRequestError
   * (invalid_url, dns_failure or blocked_by_policy).
   */
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

function elapsedSince(started: number): number {
  return Math.round(performance.now() - started);
}
