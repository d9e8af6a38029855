import express from 'express';

/** What one partner endpoint received, newest last. */
interface ReceivedWebhook {
  receivedAt: string;
  headers: Record<string, string>;
  body: string;
}

/** Enough to see a demo work; an endless log would grow the simulator's memory. */
const KEPT_PER_PARTNER = 50;
const MAX_PARTNERS = 20;
const MAX_BODY = '256kb';

/**
 * A stand-in for the company's partners, so webhooks from the portal have
 * somewhere to go in development: `POST /_partners/:name` records what
 * arrives and answers 204, or the status `?status=` asks for (a failing
 * partner, to see retries); `GET /_partners/:name` lists what it received,
 * with the headers a receiver verifies.
 */
export function createPartnerReceiver(): express.Router {
  const received = new Map<string, ReceivedWebhook[]>();
  const router = express.Router();

  router.post(
    '/:name',
    express.text({ type: () => true, limit: MAX_BODY }),
    (req, res) => {
      const { name } = req.params;
      if (!received.has(name) && received.size >= MAX_PARTNERS) {
        res.status(429).json({ error: `at most ${MAX_PARTNERS} partners` });
        return;
      }
      const log = received.get(name) ?? [];
      log.push({
        receivedAt: new Date().toISOString(),
        headers: Object.fromEntries(
          Object.entries(req.headers).map(([key, value]) => [
            key,
            String(value),
          ]),
        ),
        body: typeof req.body === 'string' ? req.body : '',
      });
      received.set(name, log.slice(-KEPT_PER_PARTNER));
      const status = Number(req.query.status ?? 204);
      res
        .status(
          Number.isInteger(status) && status >= 200 && status < 600
            ? status
            : 204,
        )
        .end();
    },
  );

  router.get('/:name', (req, res) => {
    res.json({ items: received.get(req.params.name) ?? [] });
  });

  return router;
}
