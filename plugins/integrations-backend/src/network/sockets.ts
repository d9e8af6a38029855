import { isIP, LookupFunction, Socket } from 'node:net';

/** Hands the socket the addresses already checked instead of asking DNS again. */
export function pinnedLookup(addresses: string[]): LookupFunction {
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

/**
 * Settles once the socket is connected (or its TLS handshake is done); a
 * socket that fails or is aborted first is destroyed.
 */
export function whenOpen<S extends Socket>(
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
