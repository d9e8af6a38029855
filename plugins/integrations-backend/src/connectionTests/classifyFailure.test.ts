import { getProvider } from '@internal/plugin-integrations-common';
import { classifyAnswer, redact } from './classifyFailure';

const BOT_TOKEN = '7123456789:AAHdemoAcmeShopSupportBotToken0000000';

describe('redact', () => {
  it('removes a secret however the provider echoes it: raw, URL-encoded or base64', () => {
    const echoed = [
      `bad token ${BOT_TOKEN}`,
      `No route for GET /bot${encodeURIComponent(BOT_TOKEN)}/getMe`,
      `Basic ${Buffer.from(BOT_TOKEN).toString('base64')} refused`,
    ];
    for (const text of echoed) {
      const cleaned = redact(text, [BOT_TOKEN]);
      expect(cleaned).not.toContain('AAHdemo');
      expect(cleaned).toContain('***');
    }
  });

  it('also masks key-shaped strings it was not told about', () => {
    expect(
      redact('Invalid API Key provided: sk_live_51AbCdEfGhIjKlMn', []),
    ).toBe('Invalid API Key provided: sk_live_***');
  });
});

describe('classifyAnswer', () => {
  it('reads a spent GitHub rate limit answered with 403 as rate limited, with its reset advice', () => {
    const failure = classifyAnswer(
      {
        status: 403,
        headers: { 'retry-after': '60' },
        bodyText: JSON.stringify({
          message: 'API rate limit exceeded for user ID 1.',
        }),
      },
      getProvider('github'),
      [],
    );
    expect(failure).toMatchObject({
      class: 'rate_limited',
      httpStatus: 403,
      retryAfterSeconds: 60,
      providerMessage: 'API rate limit exceeded for user ID 1.',
    });
    expect(failure.repairSteps[0]).toContain('X-RateLimit-Reset');
  });

  it('keeps the secret out of the provider message it reports', () => {
    const failure = classifyAnswer(
      {
        status: 404,
        headers: {},
        bodyText: JSON.stringify({
          description: `Not Found: /bot${encodeURIComponent(BOT_TOKEN)}/getMe`,
        }),
      },
      getProvider('telegram'),
      [BOT_TOKEN],
    );
    expect(failure.class).toBe('bad_response');
    expect(JSON.stringify(failure)).not.toContain('AAHdemo');
  });
});
