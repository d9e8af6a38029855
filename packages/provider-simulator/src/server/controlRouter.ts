import express, { ErrorRequestHandler, Router } from 'express';
import { InvalidBehaviourError } from '../state/behaviour';
import {
  InvalidWebhookRequestError,
  NoWebhooksError,
  parseWebhookRequest,
  sendWebhook,
} from '../webhooks/sendWebhook';
import {
  SimulatorControl,
  UnknownProviderError,
} from '../state/SimulatorState';

const answerErrors: ErrorRequestHandler = (error, _req, res, _next) => {
  if (error instanceof UnknownProviderError) {
    res.status(404).json({ error: 'unknown provider' });
  } else if (error instanceof NoWebhooksError) {
    res.status(404).json({ error: error.message });
  } else if (
    error instanceof InvalidBehaviourError ||
    error instanceof InvalidWebhookRequestError
  ) {
    res.status(400).json({ error: error.message });
  } else if (error?.type === 'entity.parse.failed') {
    res.status(400).json({ error: 'body: is not valid JSON' });
  } else {
    res.status(500).json({ error: String(error?.message ?? error) });
  }
};

/** The JSON control API, mounted at `/_control`. */
export function createControlRouter(
  control: SimulatorControl,
  now: () => number,
): Router {
  const router = Router();
  // Any content type: `curl -d` sends JSON labelled as a form.
  router.use(express.json({ type: () => true }));

  router.get('/', (_req, res) => {
    res.json({ providers: control.getAll() });
  });
  router.delete('/', (_req, res) => {
    control.reset();
    res.json({ providers: control.getAll() });
  });
  router.post('/oauth/revoke', (req, res) => {
    const refreshToken: unknown = req.body?.refreshToken;
    if (typeof refreshToken !== 'string' || refreshToken === '') {
      res
        .status(400)
        .json({ error: 'refreshToken: must be a non-empty string' });
      return;
    }
    control.revokeRefreshToken(refreshToken);
    res.status(204).end();
  });
  router.get('/:provider', (req, res) => {
    res.json(control.get(req.params.provider));
  });
  router.put('/:provider', (req, res) => {
    res.json(control.set(req.params.provider, req.body));
  });
  router.delete('/:provider', (req, res) => {
    control.reset(req.params.provider);
    res.json(control.get(req.params.provider));
  });
  router.get('/:provider/requests', (req, res) => {
    res.json({ requests: control.requests(req.params.provider) });
  });

  router.post('/:provider/webhooks', async (req, res, next) => {
    const { provider } = req.params;
    let request;
    try {
      control.get(provider);
      request = parseWebhookRequest(provider, req.body);
    } catch (error) {
      next(error);
      return;
    }
    try {
      res.json(await sendWebhook(provider, request, now()));
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause ?? error;
      res.status(502).json({
        error: `could not deliver the webhook to ${request.url.origin}: ${
          (cause as Error).message
        }`,
      });
    }
  });

  router.use((_req, res) => {
    res.status(404).json({ error: 'no such control endpoint' });
  });
  router.use(answerErrors);
  return router;
}
