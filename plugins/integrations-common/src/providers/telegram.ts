import { ProviderDefinition } from './types';
import { credentialsObject, flag, oneOf, settingsObject, text } from './fields';

export const telegramProvider: ProviderDefinition = {
  id: 'telegram',
  displayName: 'Telegram',
  category: 'communication',
  authType: 'api_key',
  description:
    'A Telegram bot that posts notifications to chats and channels and receives updates.',
  docsUrl: 'https://core.telegram.org/bots/api',
  defaultBaseUrl: 'https://api.telegram.org',
  defaultScopes: [],
  features: [
    {
      id: 'send_messages',
      label: 'Messages',
      description: 'Send text messages to users, groups and channels.',
    },
    {
      id: 'send_media',
      label: 'Media',
      description: 'Send photos, documents and other files.',
    },
    {
      id: 'inline_keyboards',
      label: 'Inline keyboards',
      description: 'Buttons under messages, answered with callback queries.',
    },
    {
      id: 'webhook_updates',
      label: 'Webhook updates',
      description:
        'Receive updates by webhook, checked with the X-Telegram-Bot-Api-Secret-Token header.',
    },
  ],
  defaultFeatures: ['send_messages', 'webhook_updates'],
  settingsSchema: settingsObject({
    defaultChatId: text({
      title: 'Default chat',
      description:
        'Chat that notifications go to: a numeric chat ID or a public @channelusername.',
    })
      .regex(
        /^(-?\d+|@[A-Za-z][A-Za-z0-9_]{4,31})$/,
        'Default chat must be a numeric chat ID or a public @channelusername',
      )
      .optional(),
    parseMode: oneOf(
      {
        title: 'Parse mode',
        description: 'How Telegram formats message text.',
      },
      ['HTML', 'MarkdownV2', 'Markdown'],
    ),
    disableNotification: flag({
      title: 'Send silently',
      description: 'Deliver messages without a notification sound.',
    }),
  }),
  defaultSettings: {
    parseMode: 'HTML',
    disableNotification: false,
  },
  credentialsSchema: credentialsObject({
    botToken: text({
      title: 'Bot token',
      description: 'The token @BotFather gave the bot, e.g. 123456789:AA….',
      secret: true,
    }).regex(
      /^\d+:[A-Za-z0-9_-]{30,}$/,
      'Bot token must look like 123456789:AA… as issued by @BotFather',
    ),
    webhookSecretToken: text({
      title: 'Webhook secret token',
      description:
        'Sent by Telegram in X-Telegram-Bot-Api-Secret-Token with every webhook update.',
      secret: true,
    })
      .regex(
        /^[A-Za-z0-9_-]{1,256}$/,
        'Webhook secret token must be up to 256 letters, digits, _ or -',
      )
      .optional(),
  }),
  defaultMonitoring: {
    healthCheckInterval: 60,
    alertThresholds: { errorRate: 2, responseTime: 2000, uptime: 99.5 },
  },
  probes: {
    auth: { scheme: 'in_request' },
    authCheck: {
      operation: 'Read the bot (getMe)',
      method: 'GET',
      path: '/bot{credentials.botToken}/getMe',
      expect: { path: 'ok', equals: true },
    },
    functional: {
      operation: 'Read the webhook status (getWebhookInfo)',
      method: 'GET',
      path: '/bot{credentials.botToken}/getWebhookInfo',
      expect: { path: 'ok', equals: true },
    },
    // Telegram's error_code repeats the HTTP status; its description is the error.
    errorFormat: { code: ['description'], message: ['description'] },
    knownErrors: [
      {
        failure: 'auth_invalid',
        explanation:
          'Telegram does not accept the bot token: it was revoked with /revoke or belongs to a deleted bot.',
        repairSteps: [
          'Open a chat with @BotFather, send /token and pick the bot to get its current token.',
          'Replace it in Credentials → Bot token and run the test again.',
        ],
      },
      {
        failure: 'rate_limited',
        explanation:
          'The bot sends too fast: Telegram allows about 30 messages per second overall and 1 per second per chat.',
        repairSteps: [
          'Wait for the retry_after seconds Telegram gives.',
          'Spread messages out or batch them per chat.',
        ],
      },
    ],
  },
  // Telegram sends a shared token, no timestamp: replays are caught by update_id.
  inboundWebhooks: {
    scheme: 'telegram',
    secretField: 'webhookSecretToken',
    defaultToleranceSeconds: 0,
  },
};
