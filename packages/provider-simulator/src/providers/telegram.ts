import { RequestHandler, Router } from 'express';
import { ProviderContext, ProviderErrors, SimulatedProvider } from './types';
import { statusText } from './http';

const BOT_TOKEN = /^\d+:[A-Za-z0-9_-]{30,}$/;

function telegramError(status: number, description = statusText(status)) {
  return {
    status,
    body: { ok: false, error_code: status, description },
  };
}

const errors: ProviderErrors = {
  unauthorized: () => telegramError(401),
  rateLimited: retryAfterSeconds => {
    const retryAfter = retryAfterSeconds ?? 1;
    const reply = telegramError(
      429,
      `Too Many Requests: retry after ${retryAfter}`,
    );
    return {
      ...reply,
      body: { ...reply.body, parameters: { retry_after: retryAfter } },
    };
  },
  failure: status => telegramError(status),
  notFound: () => telegramError(404),
};

const methods: Record<string, (botId: number) => unknown> = {
  getMe: botId => ({
    id: botId,
    is_bot: true,
    first_name: 'Acme Shop Notifications',
    username: 'acme_shop_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
  }),
  getWebhookInfo: () => ({
    url: '',
    has_custom_certificate: false,
    pending_update_count: 0,
  }),
  sendMessage: botId => ({
    message_id: Math.floor(Math.random() * 1_000_000),
    from: { id: botId, is_bot: true, first_name: 'Acme Shop' },
    chat: { id: -1001234567890, title: 'Acme Shop orders', type: 'channel' },
    date: Math.floor(Date.now() / 1000),
    text: 'New order',
  }),
  getUpdates: () => [],
};

function routes(context: ProviderContext): Router {
  const router = Router();
  // The token is part of the path, so it is checked per route rather than up front.
  const requireToken = context.requireCredentials(req =>
    BOT_TOKEN.test(req.params.token),
  );
  const answer: RequestHandler = (req, res, next) => {
    const { token, method } = req.params;
    if (!Object.hasOwn(methods, method)) {
      next();
      return;
    }
    // A bot's id is the number its token starts with.
    res.json({
      ok: true,
      result: methods[method](Number(token.split(':')[0])),
    });
  };

  router.get('/bot:token/:method', requireToken, answer);
  router.post('/bot:token/:method', requireToken, answer);
  return router;
}

export const telegramProvider: SimulatedProvider = {
  id: 'telegram',
  defaultScopes: [],
  // Telegram's documented limit for a bot's messages.
  rateLimit: { limit: 30, windowMs: 1000 },
  errors,
  routes,
};
