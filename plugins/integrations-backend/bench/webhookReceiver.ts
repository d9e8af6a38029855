/**
 * The webhook bench's receiver, in a process of its own so that its work
 * does not count as the sender's: answers every request 204 once its body
 * has arrived, and notes the message's `webhook-id`, the bench sequence
 * number in its body and when it arrived. The parent collects the notes
 * over IPC.
 */
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { sharedClockMs } from './webhookFixtures';

/** One message as it arrived: webhook-id, bench sequence number, shared-clock ms. */
export type Arrival = [id: string, seq: number, at: number];

export type ReceiverMessage =
  | { kind: 'listening'; url: string }
  | { kind: 'arrivals'; arrivals: Arrival[] };

let arrivals: Arrival[] = [];

const server = createServer((req, res) => {
  const at = sharedClockMs();
  const chunks: Buffer[] = [];
  req.on('data', chunk => chunks.push(chunk));
  req.on('end', () => {
    let seq = -1;
    try {
      seq = Number(
        JSON.parse(Buffer.concat(chunks).toString('utf8')).data.payload.seq,
      );
    } catch {
      // Not a bench message: noted with seq -1.
    }
    arrivals.push([String(req.headers['webhook-id'] ?? ''), seq, at]);
    res.writeHead(204).end();
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  const listening: ReceiverMessage = {
    kind: 'listening',
    url: `http://127.0.0.1:${port}`,
  };
  process.send!(listening);
});

process.on('message', (message: { kind: 'collect' }) => {
  if (message.kind === 'collect') {
    const reply: ReceiverMessage = { kind: 'arrivals', arrivals };
    arrivals = [];
    process.send!(reply);
  }
});
process.on('disconnect', () => process.exit(0));
