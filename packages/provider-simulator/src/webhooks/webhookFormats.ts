import { createHmac, randomBytes, randomInt, randomUUID } from 'node:crypto';

/** One webhook as a provider would send it: headers and the exact body bytes. */
export interface SignedWebhook {
  /** The provider's id of what was sent, which a receiver deduplicates by. */
  id: string;
  type: string;
  headers: Record<string, string>;
  body: string;
}

export interface WebhookInput {
  secret: string;
  type?: string;
  /** The simulator's clock, in ms since the epoch. */
  now: number;
}

/** A provider's webhooks: which event it sends unless told, and how it signs. */
export interface WebhookFormat {
  defaultType: string;
  types: readonly string[];
  build(input: WebhookInput & { type: string }): SignedWebhook;
}

function randomId(prefix: string, length = 24): string {
  const alphabet =
    'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(length);
  return `${prefix}${Array.from(bytes, b => alphabet[b % alphabet.length]).join(
    '',
  )}`;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Stripe: an Event object, signed `t=<time>,v1=<HMAC-SHA256 of "<t>.<body>">`. */
const stripe: WebhookFormat = {
  defaultType: 'payment_intent.succeeded',
  types: [
    'payment_intent.succeeded',
    'payment_intent.payment_failed',
    'charge.refunded',
  ],
  build({ secret, type, now }) {
    const created = seconds(now);
    const amount = 500 * randomInt(1, 40);
    const object = type.startsWith('payment_intent.')
      ? {
          id: randomId('pi_'),
          object: 'payment_intent',
          amount,
          amount_received: type.endsWith('succeeded') ? amount : 0,
          currency: 'usd',
          status: type.endsWith('succeeded')
            ? 'succeeded'
            : 'requires_payment_method',
          created,
          livemode: false,
          metadata: { order: `order_${randomInt(10_000, 99_999)}` },
        }
      : {
          id: randomId('ch_'),
          object: 'charge',
          amount,
          amount_refunded: amount,
          currency: 'usd',
          refunded: true,
          created,
          livemode: false,
        };
    const event = {
      id: randomId('evt_'),
      object: 'event',
      api_version: '2024-06-20',
      created,
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: randomId('req_', 14), idempotency_key: randomUUID() },
      type,
    };
    const body = JSON.stringify(event, null, 2);
    const signature = createHmac('sha256', secret)
      .update(`${created}.${body}`)
      .digest('hex');
    return {
      id: event.id,
      type,
      body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'stripe-signature': `t=${created},v1=${signature}`,
      },
    };
  },
};

const githubSender = { login: 'ada-acme', id: 5_812_401, type: 'User' };
const githubRepository = {
  id: 712_334_905,
  name: 'web-shop',
  full_name: 'acme-shop/web-shop',
  private: true,
  owner: { login: 'acme-shop', id: 9_120_441, type: 'Organization' },
  default_branch: 'main',
};

function githubPayload(type: string, now: number): unknown {
  if (type === 'ping') {
    const hookId = randomInt(400_000_000, 500_000_000);
    return {
      zen: 'Keep it logically awesome.',
      hook_id: hookId,
      hook: {
        type: 'Organization',
        id: hookId,
        name: 'web',
        active: true,
        events: ['push', 'pull_request'],
        config: { content_type: 'json', insecure_ssl: '0' },
      },
      organization: { login: 'acme-shop', id: 9_120_441 },
      sender: githubSender,
    };
  }
  const before = randomBytes(20).toString('hex');
  const after = randomBytes(20).toString('hex');
  const commit = {
    id: after,
    message: 'Show the delivery estimate at checkout',
    timestamp: new Date(now).toISOString(),
    author: {
      name: 'Ada Acme',
      email: 'ada@acme.example',
      username: 'ada-acme',
    },
    added: [],
    removed: [],
    modified: ['src/checkout/DeliveryEstimate.tsx'],
  };
  return {
    ref: 'refs/heads/main',
    before,
    after,
    repository: githubRepository,
    pusher: { name: 'ada-acme', email: 'ada@acme.example' },
    organization: { login: 'acme-shop', id: 9_120_441 },
    sender: githubSender,
    created: false,
    deleted: false,
    forced: false,
    compare: `https://github.com/acme-shop/web-shop/compare/${before.slice(
      0,
      12,
    )}...${after.slice(0, 12)}`,
    commits: [commit],
    head_commit: commit,
  };
}

/** GitHub: the event in X-GitHub-Event, signed in X-Hub-Signature-256 (and the legacy SHA-1 one). */
const github: WebhookFormat = {
  defaultType: 'push',
  types: ['push', 'ping'],
  build({ secret, type, now }) {
    const body = JSON.stringify(githubPayload(type, now));
    const delivery = randomUUID();
    const hmac = (algorithm: string) =>
      createHmac(algorithm, secret).update(body).digest('hex');
    return {
      id: delivery,
      type,
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/7a1c2e5',
        'x-github-event': type,
        'x-github-delivery': delivery,
        'x-github-hook-id': '462871003',
        'x-github-hook-installation-target-type': 'organization',
        'x-github-hook-installation-target-id': '9120441',
        'x-hub-signature': `sha1=${hmac('sha1')}`,
        'x-hub-signature-256': `sha256=${hmac('sha256')}`,
      },
    };
  },
};

/** Telegram: an Update, with the token given to setWebhook sent back as is. */
const telegram: WebhookFormat = {
  defaultType: 'message',
  types: ['message', 'callback_query'],
  build({ secret, type, now }) {
    const updateId = randomInt(100_000_000, 999_999_999);
    const from = {
      id: 48_210_733,
      is_bot: false,
      first_name: 'Ada',
      language_code: 'en',
    };
    const chat = { id: 48_210_733, first_name: 'Ada', type: 'private' };
    const message = {
      message_id: randomInt(1, 100_000),
      from,
      chat,
      date: seconds(now),
      text: '/status',
      entities: [{ offset: 0, length: 7, type: 'bot_command' }],
    };
    const update =
      type === 'callback_query'
        ? {
            update_id: updateId,
            callback_query: {
              id: String(randomInt(1e9, 2e9)),
              from,
              message: { ...message, text: 'Order #4711 shipped' },
              chat_instance: '-4216130871287323642',
              data: 'track:4711',
            },
          }
        : { update_id: updateId, message };
    return {
      id: String(updateId),
      type,
      body: JSON.stringify(update),
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': secret,
      },
    };
  },
};

/** The providers whose webhooks the simulator sends, by provider id. */
export const webhookFormats: Record<string, WebhookFormat> = {
  stripe,
  'stripe-connect': stripe,
  github,
  telegram,
};
