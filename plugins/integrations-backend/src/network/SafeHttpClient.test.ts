import { mockServices } from '@backstage/backend-test-utils';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  IncomingMessage,
  ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  AddressInfo,
  createServer as createTcpServer,
  isIP,
  Server,
  Socket,
} from 'node:net';
import { join, relative } from 'node:path';
import { inspect } from 'node:util';
import {
  OutboundFailureCode,
  OutboundRequestError,
} from './OutboundRequestError';
import { HostResolver, SafeHttpClient } from './SafeHttpClient';

// The provider simulator's dev-only pair: self-signed, for 127.0.0.1 and localhost.
const CERT_FILE = join(
  __dirname,
  '../../../../packages/provider-simulator/tls/simulator-dev-only.cert.pem',
);
const CERT = readFileSync(CERT_FILE, 'utf8');
const KEY = readFileSync(CERT_FILE.replace('.cert.pem', '.key.pem'), 'utf8');

const LOOPBACK = ['127.0.0.0/8'];

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map(cleanup => cleanup()));
});

/** Listens on 127.0.0.1 and tears the server and its sockets down after the test. */
async function listen(server: Server): Promise<number> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(async () => {
    sockets.forEach(socket => socket.destroy());
    await new Promise(resolve => server.close(resolve));
  });
  return (server.address() as AddressInfo).port;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function httpServer(handler: Handler) {
  const requests: IncomingMessage[] = [];
  const port = await listen(
    createHttpServer((req, res) => {
      requests.push(req);
      handler(req, res);
    }),
  );
  return { port, requests };
}

async function httpsServer(
  handler: Handler = (_req, res) => res.end('secure'),
) {
  return listen(createHttpsServer({ cert: CERT, key: KEY }, handler));
}

/** Accepts connections and never says a word. */
function silentServer() {
  return listen(createTcpServer());
}

async function closedPort() {
  const server = createTcpServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

function stubResolver(answers: Record<string, string[]>) {
  return jest.fn<ReturnType<HostResolver>, Parameters<HostResolver>>(
    async hostname => {
      const addresses = answers[hostname];
      if (!addresses) {
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
          code: 'ENOTFOUND',
        });
      }
      return addresses.map(address => ({
        address,
        family: isIP(address) === 6 ? 6 : 4,
      }));
    },
  );
}

async function failure(
  promise: Promise<unknown>,
): Promise<OutboundRequestError> {
  const error = await promise.then(
    () => undefined,
    thrown => thrown,
  );
  expect(error).toBeInstanceOf(OutboundRequestError);
  return error as OutboundRequestError;
}

async function timed<T>(action: () => Promise<T>) {
  const started = Date.now();
  const result = await action();
  return { result, elapsedMs: Date.now() - started };
}

describe('SafeHttpClient', () => {
  describe('address policy', () => {
    const names = {
      'loopback.test': ['127.0.0.1'],
      'internal.test': ['10.0.0.5'],
      'metadata.test': ['169.254.169.254'],
      'v6-loopback.test': ['::1'],
      'ula.test': ['fd12::1'],
      // 127.0.0.53 is allowed below: if the mix slipped through, the
      // connection would still stay on this machine.
      'mixed.test': ['127.0.0.53', '10.0.0.7'],
      'mixed-v6.test': ['127.0.0.53', 'fd00::7'],
      localhost: ['127.0.0.1', '::1'],
      '169.254.169.254.nip.test': ['169.254.169.254'],
    };

    it.each<[string, string]>([
      ['http://127.0.0.1/', '127.0.0.1 is a loopback address'],
      ['http://127.1/', '127.0.0.1 is a loopback address'],
      ['http://2130706433/', '127.0.0.1 is a loopback address'],
      ['http://0x7f000001/', '127.0.0.1 is a loopback address'],
      ['http://0177.0.0.1/', '127.0.0.1 is a loopback address'],
      ['http://0x7f.0.0.1/', '127.0.0.1 is a loopback address'],
      ['http://0x7f.1/', '127.0.0.1 is a loopback address'],
      ['http://[::1]/', '::1 is a loopback address'],
      [
        'http://[::ffff:127.0.0.1]/',
        '::ffff:7f00:1 (127.0.0.1) is a loopback address',
      ],
      [
        'http://[::ffff:7f00:1]/',
        '::ffff:7f00:1 (127.0.0.1) is a loopback address',
      ],
      [
        'http://[0:0:0:0:0:ffff:127.0.0.1]/',
        '::ffff:7f00:1 (127.0.0.1) is a loopback address',
      ],
      ['http://[::127.0.0.1]/', '::7f00:1 is a reserved address'],
      ['http://0.0.0.0/', '0.0.0.0 is an unspecified address'],
      ['http://0/', '0.0.0.0 is an unspecified address'],
      ['http://[::]/', ':: is an unspecified address'],
      ['http://10.0.0.1/', '10.0.0.1 is a private address'],
      ['http://172.16.5.4/', '172.16.5.4 is a private address'],
      ['http://192.168.1.1/', '192.168.1.1 is a private address'],
      [
        'http://100.64.0.1/',
        '100.64.0.1 is a carrier-grade NAT (CGNAT) address',
      ],
      [
        'http://169.254.169.254/latest/meta-data/',
        'is a cloud metadata address',
      ],
      ['http://169.254.170.2/v2/credentials', 'is a cloud metadata address'],
      ['http://[fd00:ec2::254]/', 'is a cloud metadata address'],
      [
        'http://100.100.100.200/latest/meta-data/',
        'is a cloud metadata address',
      ],
      [
        'http://[::ffff:a9fe:a9fe]/',
        '::ffff:a9fe:a9fe (169.254.169.254) is a cloud metadata address',
      ],
      [
        'http://[64:ff9b::a9fe:a9fe]/',
        '(169.254.169.254) is a cloud metadata address',
      ],
      [
        'http://[2002:a9fe:a9fe::]/',
        '(169.254.169.254) is a cloud metadata address',
      ],
      ['http://169.254.1.1/', 'is a link-local address'],
      ['http://[fe80::1]/', 'is a link-local address'],
      ['http://[fc00::1]/', 'is a unique local address'],
      ['http://224.0.0.1/', 'is a multicast address'],
      ['http://255.255.255.255/', 'is a broadcast address'],
      ['http://240.0.0.1/', 'is a reserved address'],
      ['http://loopback.test/', '127.0.0.1 is a loopback address'],
      ['http://internal.test/', '10.0.0.5 is a private address'],
      ['http://metadata.test/', 'is a cloud metadata address'],
      ['http://169.254.169.254.nip.test/', 'is a cloud metadata address'],
      ['http://v6-loopback.test/', '::1 is a loopback address'],
      ['http://ula.test/', 'fd12::1 is a unique local address'],
      ['http://mixed.test/', '10.0.0.7 is a private address'],
      ['http://mixed-v6.test/', 'fd00::7 is a unique local address'],
      ['http://localhost/', '127.0.0.1 is a loopback address'],
    ])('refuses %s as blocked_by_policy', async (url, addressPhrase) => {
      const client = new SafeHttpClient({
        resolver: stubResolver(names),
        allowedCidrs: ['127.0.0.53/32'],
      });

      const error = await failure(client.request({ url }));

      expect(error.code).toBe('blocked_by_policy');
      expect(error.message).toMatch(/^Refusing to connect to \S+: /);
      expect(error.message).toContain(
        `${addressPhrase}, which integrations.network.allowedCidrs does not allow`,
      );
    });

    it.each<[string, string]>([
      ['https://user:pass@api.test/', 'has credentials in it'],
      ['https://user@api.test/', 'has credentials in it'],
      ['file:///etc/passwd', 'not file:'],
      ['ftp://ftp.test/pub', 'not ftp:'],
      ['gopher://gopher.test:70/_GET', 'not gopher:'],
      ['not a url', 'The URL is not valid'],
    ])('refuses %s as invalid_url', async (url, phrase) => {
      const resolver = stubResolver(names);
      const client = new SafeHttpClient({ resolver });

      const error = await failure(client.request({ url }));

      expect(error.code).toBe('invalid_url');
      expect(error.message).toContain(phrase);
      expect(resolver).not.toHaveBeenCalled();
    });

    it('refuses a name whose answers mix public and private addresses', async () => {
      const client = new SafeHttpClient({
        resolver: stubResolver({ 'mixed.test': ['93.184.215.14', '10.0.0.7'] }),
      });

      const error = await failure(client.resolve('https://mixed.test/'));

      expect(error.code).toBe('blocked_by_policy');
      expect(error.message).toBe(
        'Refusing to connect to https://mixed.test:443: 10.0.0.7 is a private address, which integrations.network.allowedCidrs does not allow',
      );
    });

    it('checks IP literals without asking the resolver', async () => {
      const resolver = stubResolver({});
      const client = new SafeHttpClient({ resolver });

      for (const url of [
        'http://127.0.0.1/',
        'http://[::ffff:127.0.0.1]/',
        'http://2130706433/',
      ]) {
        await failure(client.request({ url }));
      }
      expect(resolver).not.toHaveBeenCalled();
    });

    it('keeps credentials of a refused URL out of the error', async () => {
      const client = new SafeHttpClient();

      const error = await failure(
        client.request({ url: 'https://alice:hunter2@api.test/' }),
      );

      expect(error.origin).toBe('https://api.test:443');
      expect(inspect(error)).not.toMatch(/alice|hunter2/);
    });
  });

  describe('resolve', () => {
    it('returns the checked addresses of a public name', async () => {
      const resolver = stubResolver({
        'api.example.test': ['93.184.215.14', '2606:4700:4700::1111'],
      });
      const client = new SafeHttpClient({ resolver });

      const resolved = await client.resolve('https://api.example.test/v1/x');

      expect(resolved).toEqual({
        hostname: 'api.example.test',
        port: 443,
        addresses: ['93.184.215.14', '2606:4700:4700::1111'],
        durationMs: expect.any(Number),
      });
      expect(resolver).toHaveBeenCalledWith('api.example.test');
    });

    it('treats documentation ranges such as 203.0.113.0/24 as reserved unless allowed', async () => {
      const resolver = stubResolver({ 'doc.test': ['203.0.113.10'] });

      const error = await failure(
        new SafeHttpClient({ resolver }).resolve('http://doc.test:8080/'),
      );
      const allowed = await new SafeHttpClient({
        resolver,
        allowedCidrs: ['203.0.113.0/24'],
      }).resolve('http://doc.test:8080/');

      expect(error.code).toBe('blocked_by_policy');
      expect(error.message).toContain('203.0.113.10 is a reserved address');
      expect(allowed.addresses).toEqual(['203.0.113.10']);
      expect(allowed.port).toBe(8080);
    });

    it('returns an IPv6 literal without brackets', async () => {
      const client = new SafeHttpClient({ allowedCidrs: ['::1/128'] });

      await expect(client.resolve('http://[::1]:8080/')).resolves.toMatchObject(
        { hostname: '::1', port: 8080, addresses: ['::1'] },
      );
    });

    it('reports a name that does not resolve as dns_failure', async () => {
      const client = new SafeHttpClient({ resolver: stubResolver({}) });

      const error = await failure(client.resolve('https://nowhere.test/'));

      expect(error.code).toBe('dns_failure');
      expect(error.message).toBe(
        'Could not resolve the host of https://nowhere.test:443 (ENOTFOUND)',
      );
    });

    it('reports an empty answer as dns_failure', async () => {
      const client = new SafeHttpClient({
        resolver: stubResolver({ 'empty.test': [] }),
      });

      const error = await failure(client.resolve('https://empty.test/'));

      expect(error.code).toBe('dns_failure');
    });

    it('uses the system resolver by default', async () => {
      // localhost comes from the hosts file: nothing leaves the machine.
      const error = await failure(
        new SafeHttpClient().resolve('http://localhost/'),
      );
      const allowed = await new SafeHttpClient({
        allowedCidrs: ['127.0.0.0/8', '::1/128'],
      }).resolve('http://localhost/');

      expect(error.code).toBe('blocked_by_policy');
      expect(error.message).toContain('is a loopback address');
      expect(allowed.addresses.length).toBeGreaterThan(0);
    });
  });

  describe('request', () => {
    it('sends the request to an allowed address and reads the answer', async () => {
      const server = await httpServer((req, res) => {
        let body = '';
        req.on('data', chunk => (body += chunk));
        req.on('end', () => {
          res.setHeader('set-cookie', ['a=1', 'b=2']);
          res.setHeader('content-type', 'application/json');
          res.end(
            JSON.stringify({
              method: req.method,
              url: req.url,
              host: req.headers.host,
              token: req.headers['x-token'],
              body,
            }),
          );
        });
      });
      const resolver = stubResolver({ 'api.test': ['127.0.0.1'] });
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK, resolver });

      const response = await client.request({
        url: `http://api.test:${server.port}/v1/items?page=2#fragment`,
        method: 'POST',
        headers: { 'x-token': 'abc' },
        body: 'hello',
      });

      expect(response.status).toBe(200);
      expect(response.headers['set-cookie']).toBe('a=1, b=2');
      expect(response.headers['content-type']).toBe('application/json');
      expect(response.json()).toEqual({
        method: 'POST',
        url: '/v1/items?page=2',
        host: `api.test:${server.port}`,
        token: 'abc',
        body: 'hello',
      });
      expect(JSON.parse(response.text())).toEqual(response.json());
      expect(response.remoteAddress).toBe('127.0.0.1');
      expect(response.timings.firstByteMs).toBeGreaterThanOrEqual(0);
      expect(response.timings.totalMs).toBeGreaterThanOrEqual(
        response.timings.firstByteMs,
      );
      expect(resolver).toHaveBeenCalledTimes(1);
    });

    it('says when a body is not JSON, without quoting it', async () => {
      const server = await httpServer((_req, res) =>
        res.end('secret-ish text'),
      );
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });

      const response = await client.request({
        url: `http://127.0.0.1:${server.port}/`,
      });

      expect(() => response.json()).toThrow(SyntaxError);
      expect(() => response.json()).toThrow(
        `The response from http://127.0.0.1:${server.port} is not valid JSON`,
      );
      expect(response.text()).toBe('secret-ish text');
    });

    it('connects to the address it checked, asking DNS once per request (rebinding)', async () => {
      const server = await httpServer((_req, res) => res.end('ok'));
      const resolver = jest
        .fn<ReturnType<HostResolver>, Parameters<HostResolver>>()
        .mockResolvedValueOnce([{ address: '127.0.0.1', family: 4 }])
        .mockResolvedValueOnce([{ address: '10.0.0.1', family: 4 }]);
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK, resolver });
      const url = `http://rebind.test:${server.port}/`;

      const first = await client.request({ url });
      expect(first.remoteAddress).toBe('127.0.0.1');
      expect(first.text()).toBe('ok');
      expect(resolver).toHaveBeenCalledTimes(1);

      const second = await failure(client.request({ url }));
      expect(second.code).toBe('blocked_by_policy');
      expect(second.message).toContain('10.0.0.1 is a private address');
      expect(resolver).toHaveBeenCalledTimes(2);
      expect(server.requests).toHaveLength(1);
    });

    it('returns a redirect as it is, without following it', async () => {
      const target = await httpServer((_req, res) => res.end('target'));
      const location = `http://127.0.0.1:${target.port}/elsewhere`;
      const redirecting = await httpServer((_req, res) => {
        res.writeHead(302, { location });
        res.end();
      });
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });

      const response = await client.request({
        url: `http://127.0.0.1:${redirecting.port}/`,
      });

      expect(response.status).toBe(302);
      expect(response.headers.location).toBe(location);
      expect(target.requests).toHaveLength(0);
    });

    it('refuses a response larger than maxResponseBytes', async () => {
      const server = await httpServer((_req, res) => res.end('x'.repeat(2048)));
      const client = new SafeHttpClient({
        allowedCidrs: LOOPBACK,
        maxResponseBytes: 1024,
      });
      const url = `http://127.0.0.1:${server.port}/`;

      const error = await failure(client.request({ url }));
      const fits = await client.request({ url, maxResponseBytes: 2048 });

      expect(error.code).toBe('response_too_large');
      expect(error.message).toBe(
        `The response from http://127.0.0.1:${server.port} is larger than 1024 bytes`,
      );
      expect(fits.body).toHaveLength(2048);
    });

    it('stops downloading an endless body once it is too large', async () => {
      const server = await httpServer((_req, res) => {
        const chunk = Buffer.alloc(64 * 1024);
        const write = () => {
          while (res.write(chunk));
          res.once('drain', write);
        };
        write();
      });
      const client = new SafeHttpClient({
        allowedCidrs: LOOPBACK,
        maxResponseBytes: 256 * 1024,
        timeoutMs: 5000,
      });

      const { result: error, elapsedMs } = await timed(() =>
        failure(client.request({ url: `http://127.0.0.1:${server.port}/` })),
      );

      expect(error.code).toBe('response_too_large');
      expect(elapsedMs).toBeLessThan(3000);
    });

    it('times out a server that accepts the connection but never answers', async () => {
      const port = await silentServer();
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });

      const { result: error, elapsedMs } = await timed(() =>
        failure(
          client.request({ url: `http://127.0.0.1:${port}/`, timeoutMs: 300 }),
        ),
      );

      expect(error.code).toBe('timeout');
      expect(error.message).toBe(
        `Request to http://127.0.0.1:${port} timed out after 300 ms`,
      );
      expect(elapsedMs).toBeLessThan(3000);
    });

    it('counts the body against the total timeout', async () => {
      const server = await httpServer((_req, res) => {
        res.writeHead(200);
        res.write('partial');
      });
      const client = new SafeHttpClient({
        allowedCidrs: LOOPBACK,
        timeoutMs: 300,
      });

      const { result: error, elapsedMs } = await timed(() =>
        failure(client.request({ url: `http://127.0.0.1:${server.port}/` })),
      );

      expect(error.code).toBe('timeout');
      expect(elapsedMs).toBeLessThan(3000);
    });

    it('times out a connection that is never established', async () => {
      // A TLS connection counts as established after its handshake, which a
      // silent server never finishes: a local stand-in for an unreachable host.
      const port = await silentServer();
      const client = new SafeHttpClient({
        allowedCidrs: LOOPBACK,
        connectTimeoutMs: 300,
        timeoutMs: 10_000,
      });

      const { result: error, elapsedMs } = await timed(() =>
        failure(client.request({ url: `https://127.0.0.1:${port}/` })),
      );

      expect(error.code).toBe('timeout');
      expect(error.message).toBe(
        `Connection to https://127.0.0.1:${port} timed out after 300 ms`,
      );
      expect(elapsedMs).toBeLessThan(3000);
    });

    it('reports a closed port as connection_refused', async () => {
      const port = await closedPort();
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });

      const error = await failure(
        client.request({ url: `http://127.0.0.1:${port}/` }),
      );

      expect(error.code).toBe('connection_refused');
      expect(error.message).toBe(
        `Connection to http://127.0.0.1:${port} was refused`,
      );
    });

    it('says when a server accepts the connection and closes it without an HTTP answer', async () => {
      const port = await listen(
        createTcpServer(socket => socket.once('data', () => socket.end())),
      );
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });

      const error = await failure(
        client.request({ url: `http://127.0.0.1:${port}/` }),
      );

      expect(error.code).toBe('connection_closed');
      expect(error.message).toBe(
        `http://127.0.0.1:${port} accepted the connection and closed it without an HTTP answer (UND_ERR_SOCKET)`,
      );
    });

    it('says when the server on the port does not speak HTTP, as a database would', async () => {
      // PostgreSQL answers an HTTP request line with an ErrorResponse message.
      const port = await listen(
        createTcpServer(socket =>
          socket.once('data', () =>
            socket.end(Buffer.from('E\0\0\0\x55SFATAL\0C0A000\0', 'latin1')),
          ),
        ),
      );
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });

      const error = await failure(
        client.request({ url: `http://127.0.0.1:${port}/` }),
      );

      expect(error.code).toBe('not_http');
      expect(error.message).toBe(
        `http://127.0.0.1:${port} answered with something that is not HTTP`,
      );
    });

    it('reports a header HTTP cannot carry as request_invalid, and sends nothing', async () => {
      const server = await httpServer((_req, res) => res.end());
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });

      const error = await failure(
        client.request({
          url: `http://127.0.0.1:${server.port}/`,
          headers: { authorization: 'Bearer abc\r\nX-Injected: 1' },
        }),
      );

      expect(error.code).toBe('request_invalid');
      expect(error.message).toBe(
        `The request to http://127.0.0.1:${server.port} was not sent: a header or the path holds a value HTTP cannot carry (UND_ERR_INVALID_ARG)`,
      );
      expect(error.message).not.toContain('abc');
      expect(server.requests).toHaveLength(0);
    });

    it('stops when the caller aborts', async () => {
      const port = await silentServer();
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);

      const { result: error, elapsedMs } = await timed(() =>
        failure(
          client.request({
            url: `http://127.0.0.1:${port}/`,
            signal: controller.signal,
          }),
        ),
      );

      expect(error.code).toBe('timeout');
      expect(error.message).toBe(
        `Request to http://127.0.0.1:${port} was aborted`,
      );
      expect(elapsedMs).toBeLessThan(3000);
    });

    it('does not start when the signal is already aborted', async () => {
      const server = await httpServer((_req, res) => res.end());
      const resolver = stubResolver({ 'api.test': ['127.0.0.1'] });
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK, resolver });

      const error = await failure(
        client.request({
          url: `http://api.test:${server.port}/`,
          signal: AbortSignal.abort(),
        }),
      );

      expect(error.message).toContain('was aborted');
      expect(server.requests).toHaveLength(0);
    });

    it('ends requests in flight on close', async () => {
      const port = await silentServer();
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });

      const pending = failure(
        client.request({ url: `http://127.0.0.1:${port}/` }),
      );
      await new Promise(resolve => setTimeout(resolve, 100));
      await client.close();
      const error = await pending;

      expect(error.code).toBe('network_error');
    });
  });

  describe('TLS', () => {
    const localhost = () => stubResolver({ localhost: ['127.0.0.1'] });

    it('refuses a self-signed certificate that is not trusted', async () => {
      const port = await httpsServer();
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });

      const error = await failure(
        client.request({ url: `https://127.0.0.1:${port}/` }),
      );

      expect(error.code).toBe('tls_error');
      expect(error.message).toBe(
        `TLS connection to https://127.0.0.1:${port} failed: the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)`,
      );
    });

    it('accepts a certificate from trustedCertificates, on top of the system ones', async () => {
      const port = await httpsServer();
      const client = new SafeHttpClient({
        allowedCidrs: LOOPBACK,
        trustedCertificates: [CERT],
        resolver: localhost(),
      });

      const byName = await client.request({
        url: `https://localhost:${port}/`,
      });
      const byAddress = await client.request({
        url: `https://127.0.0.1:${port}/`,
      });

      expect(byName.text()).toBe('secure');
      expect(byName.remoteAddress).toBe('127.0.0.1');
      expect(byAddress.text()).toBe('secure');
    });

    it('checks the certificate against the host name, not the address', async () => {
      const port = await httpsServer();
      const client = new SafeHttpClient({
        allowedCidrs: LOOPBACK,
        trustedCertificates: [CERT],
        resolver: stubResolver({ 'api.test': ['127.0.0.1'] }),
      });

      const error = await failure(
        client.request({ url: `https://api.test:${port}/` }),
      );

      expect(error.code).toBe('tls_error');
      expect(error.message).toContain('hostname mismatch');
    });

    it('reports an https URL pointing at a plain-HTTP port as tls_error', async () => {
      const server = await httpServer((_req, res) => res.end());
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });

      const error = await failure(
        client.request({ url: `https://127.0.0.1:${server.port}/` }),
      );

      expect(error.code).toBe('tls_error');
    });

    it('refuses a trusted certificate that is not PEM', () => {
      expect(
        () => new SafeHttpClient({ trustedCertificates: [CERT, 'not a cert'] }),
      ).toThrow('trustedCertificates[1] is not a PEM certificate');
    });
  });

  describe('inspectTls', () => {
    it('describes an untrusted certificate instead of failing', async () => {
      const port = await httpsServer();
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });

      const inspection = await client.inspectTls(`https://127.0.0.1:${port}/`);

      expect(inspection).toEqual({
        authorized: false,
        authorizationError:
          'the certificate is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT)',
        validFrom: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        validTo: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        daysUntilExpiry: expect.any(Number),
        issuer: 'CN=Provider simulator (development only)',
        subject: 'CN=Provider simulator (development only)',
      });
      expect(inspection.daysUntilExpiry).toBeGreaterThan(3000);
      expect(Date.parse(inspection.validTo)).toBeGreaterThan(
        Date.parse(inspection.validFrom),
      );
    });

    it('reports a trusted certificate as authorized', async () => {
      const port = await httpsServer();
      const client = new SafeHttpClient({
        allowedCidrs: LOOPBACK,
        trustedCertificates: [CERT],
        resolver: stubResolver({ localhost: ['127.0.0.1'] }),
      });

      const inspection = await client.inspectTls(`https://localhost:${port}/`);

      expect(inspection.authorized).toBe(true);
      expect(inspection).not.toHaveProperty('authorizationError');
    });

    it('sends the host name for SNI and reports a mismatch', async () => {
      const port = await httpsServer();
      const client = new SafeHttpClient({
        allowedCidrs: LOOPBACK,
        trustedCertificates: [CERT],
        resolver: stubResolver({ 'api.test': ['127.0.0.1'] }),
      });

      const inspection = await client.inspectTls(`https://api.test:${port}/`);

      expect(inspection.authorized).toBe(false);
      expect(inspection.authorizationError).toContain('hostname mismatch');
    });

    it('applies the address policy', async () => {
      const client = new SafeHttpClient();

      const error = await failure(
        client.inspectTls('https://169.254.169.254/'),
      );

      expect(error.code).toBe('blocked_by_policy');
    });

    it('only inspects https URLs', async () => {
      const error = await failure(
        new SafeHttpClient().inspectTls('http://api.test/'),
      );

      expect(error.code).toBe('invalid_url');
    });

    it('times out a handshake that never finishes', async () => {
      const port = await silentServer();
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });

      const { result: error, elapsedMs } = await timed(() =>
        failure(
          client.inspectTls(`https://127.0.0.1:${port}/`, { timeoutMs: 300 }),
        ),
      );

      expect(error.code).toBe('timeout');
      expect(error.message).toBe(
        `Connection to https://127.0.0.1:${port} timed out after 300 ms`,
      );
      expect(elapsedMs).toBeLessThan(3000);
    });
  });

  describe('connect', () => {
    it('opens a TCP connection to the checked address', async () => {
      const port = await silentServer();
      const client = new SafeHttpClient({
        allowedCidrs: LOOPBACK,
        resolver: stubResolver({ 'api.test': ['127.0.0.1'] }),
      });

      const result = await client.connect(`http://api.test:${port}/`);

      expect(result).toEqual({
        address: '127.0.0.1',
        durationMs: expect.any(Number),
      });
    });

    it('reports a closed port as connection_refused', async () => {
      const port = await closedPort();
      const client = new SafeHttpClient({ allowedCidrs: LOOPBACK });

      const error = await failure(client.connect(`http://127.0.0.1:${port}/`));

      expect(error.code).toBe('connection_refused');
    });

    it('applies the address policy', async () => {
      const error = await failure(
        new SafeHttpClient().connect('http://10.0.0.1:22/'),
      );

      expect(error.code).toBe('blocked_by_policy');
      expect(error.message).toContain('10.0.0.1 is a private address');
    });
  });

  describe('error messages', () => {
    const path = '/bot123:SECRETTOKEN/getMe?key=SECRET';
    type Mode = [string, OutboundFailureCode, () => Promise<unknown>];

    it.each<Mode>([
      [
        'blocked',
        'blocked_by_policy',
        async () =>
          new SafeHttpClient().request({ url: `http://127.0.0.1:9${path}` }),
      ],
      [
        'credentials in the URL',
        'invalid_url',
        async () =>
          new SafeHttpClient().request({
            url: `http://bot:SECRET@127.0.0.1:9${path}`,
          }),
      ],
      [
        'unparseable URL',
        'invalid_url',
        async () => new SafeHttpClient().request({ url: `http://[::1${path}` }),
      ],
      [
        'unknown name',
        'dns_failure',
        async () =>
          new SafeHttpClient({ resolver: stubResolver({}) }).request({
            url: `http://nowhere.test${path}`,
          }),
      ],
      [
        'refused',
        'connection_refused',
        async () =>
          new SafeHttpClient({ allowedCidrs: LOOPBACK }).request({
            url: `http://127.0.0.1:${await closedPort()}${path}`,
          }),
      ],
      [
        'timeout',
        'timeout',
        async () =>
          new SafeHttpClient({
            allowedCidrs: LOOPBACK,
            timeoutMs: 200,
          }).request({
            url: `http://127.0.0.1:${await silentServer()}${path}`,
          }),
      ],
      [
        'too large',
        'response_too_large',
        async () => {
          const server = await httpServer((_req, res) =>
            res.end('x'.repeat(64)),
          );
          return new SafeHttpClient({
            allowedCidrs: LOOPBACK,
            maxResponseBytes: 16,
          }).request({ url: `http://127.0.0.1:${server.port}${path}` });
        },
      ],
      [
        'untrusted certificate',
        'tls_error',
        async () =>
          new SafeHttpClient({ allowedCidrs: LOOPBACK }).request({
            url: `https://127.0.0.1:${await httpsServer()}${path}`,
          }),
      ],
      [
        'dropped connection',
        'connection_closed',
        async () => {
          const server = await httpServer(req => req.socket.destroy());
          return new SafeHttpClient({ allowedCidrs: LOOPBACK }).request({
            url: `http://127.0.0.1:${server.port}${path}`,
            headers: { authorization: 'Bearer SECRET' },
            body: 'SECRET',
            method: 'POST',
          });
        },
      ],
    ])('show only the origin when %s', async (_mode, code, attempt) => {
      const error = await failure(attempt());

      expect(error.code).toBe(code);
      const everything = `${error.message} ${error.origin} ${inspect(
        error,
      )} ${JSON.stringify(error)}`;
      expect(everything).not.toContain('SECRET');
      expect(everything).not.toContain('bot123');
      expect(everything).not.toContain('getMe');
    });
  });

  describe('fromConfig', () => {
    it('reads integrations.network', async () => {
      const port = await httpsServer((_req, res) => res.end('x'.repeat(64)));
      const client = SafeHttpClient.fromConfig(
        mockServices.rootConfig({
          data: {
            integrations: {
              network: {
                allowedCidrs: LOOPBACK,
                trustedCertificateFiles: [relative(process.cwd(), CERT_FILE)],
                connectTimeoutMs: 1000,
                timeoutMs: 2000,
                maxResponseBytes: 32,
              },
            },
          },
        }),
        { resolver: stubResolver({ localhost: ['127.0.0.1'] }) },
      );

      const error = await failure(
        client.request({ url: `https://localhost:${port}/` }),
      );
      const inspection = await client.inspectTls(`https://localhost:${port}/`);

      expect(error.code).toBe('response_too_large');
      expect(error.message).toContain('larger than 32 bytes');
      expect(inspection.authorized).toBe(true);
    });

    it('refuses everything internal when nothing is configured', async () => {
      const client = SafeHttpClient.fromConfig(mockServices.rootConfig());

      const error = await failure(client.resolve('http://127.0.0.1/'));

      expect(error.code).toBe('blocked_by_policy');
    });

    it('names a certificate file it cannot read', () => {
      expect(() =>
        SafeHttpClient.fromConfig(
          mockServices.rootConfig({
            data: {
              integrations: {
                network: { trustedCertificateFiles: ['missing/ca.pem'] },
              },
            },
          }),
        ),
      ).toThrow(
        'Could not read missing/ca.pem from integrations.network.trustedCertificateFiles',
      );
    });

    it('names an allowed CIDR it cannot parse', () => {
      expect(() =>
        SafeHttpClient.fromConfig(
          mockServices.rootConfig({
            data: {
              integrations: {
                network: { allowedCidrs: ['10.0.0.0/8', '10.0.0/8'] },
              },
            },
          }),
        ),
      ).toThrow("integrations.network.allowedCidrs entry '10.0.0/8'");
    });
  });
});
