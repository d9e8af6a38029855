import http from 'node:http';
import https from 'node:https';
import { simulatedProviders } from './providers';
import { createSimulatorApp } from './server/app';
import { SimulatorControl, SimulatorState } from './state/SimulatorState';
import { readSimulatorTls } from './tls';

export interface ProviderSimulatorOptions {
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to 7071; 0 picks a free port. */
  port?: number;
  /** A second listener with TLS on this port (0 picks a free one); none when omitted. */
  httpsPort?: number;
  /** PEM key and certificate of the https listener; defaults to the development pair in tls/. */
  tls?: { key: string; cert: string };
  /** Milliseconds since the epoch, for token expiry and rate-limit windows; defaults to Date.now. */
  clock?: () => number;
}

export interface ProviderSimulator {
  /** Such as http://127.0.0.1:7071. */
  url: string;
  /** Such as https://127.0.0.1:7072, when an https port was asked for. */
  httpsUrl?: string;
  control: SimulatorControl;
  /** Stops listening and ends every open connection, hanging requests included. */
  close(): Promise<void>;
}

function listen(server: http.Server, port: number, host: string) {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function closeServer(server: http.Server) {
  return new Promise<void>((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(error => (error ? reject(error) : resolve()));
    // close() alone waits for open connections, and a hanging request never ends.
    server.closeAllConnections();
  });
}

function urlOf(protocol: string, host: string, port: number) {
  return `${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Starts the simulator; it answers as soon as the promise resolves. */
export async function startProviderSimulator(
  options: ProviderSimulatorOptions = {},
): Promise<ProviderSimulator> {
  const host = options.host ?? '127.0.0.1';
  const state = new SimulatorState(
    simulatedProviders,
    options.clock ?? Date.now,
  );
  const app = createSimulatorApp(simulatedProviders, state);

  const servers: http.Server[] = [];
  const close = async () => {
    await Promise.all(servers.map(closeServer));
  };

  try {
    const httpServer = http.createServer(app);
    servers.push(httpServer);
    const url = urlOf(
      'http',
      host,
      await listen(httpServer, options.port ?? 7071, host),
    );

    let httpsUrl: string | undefined;
    if (options.httpsPort !== undefined) {
      const httpsServer = https.createServer(
        options.tls ?? readSimulatorTls(),
        app,
      );
      servers.push(httpsServer);
      httpsUrl = urlOf(
        'https',
        host,
        await listen(httpsServer, options.httpsPort, host),
      );
    }

    return { url, httpsUrl, control: state, close };
  } catch (error) {
    await close();
    throw error;
  }
}
