/* eslint-disable no-console */
import { parseArgs } from 'node:util';
import { startProviderSimulator } from './startProviderSimulator';

function portOption(name: string, value: string | undefined) {
  if (value === undefined) {
    return undefined;
  }
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--${name} must be a port number, got ${value}`);
  }
  return port;
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'https-port': { type: 'string' },
      host: { type: 'string' },
    },
  });
  const simulator = await startProviderSimulator({
    host: values.host,
    port: portOption('port', values.port),
    httpsPort: portOption('https-port', values['https-port']),
  });
  console.log(
    `Provider simulator listening on ${[simulator.url, simulator.httpsUrl]
      .filter(Boolean)
      .join(' and ')}`,
  );

  const stop = () => {
    simulator.close().then(
      () => process.exit(0),
      error => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
