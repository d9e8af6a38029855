import { SignedWebhook, webhookFormats } from './webhookFormats';

/** Why a webhook could not be sent as asked: the caller's mistake, a 400. */
export class InvalidWebhookRequestError extends Error {
  name = 'InvalidWebhookRequestError';
}

/** A provider that exists but sends no webhooks here: a 404. */
export class NoWebhooksError extends Error {
  name = 'NoWebhooksError';
}

/** `POST /_control/:provider/webhooks`, read. */
export interface WebhookRequest {
  url: URL;
  secret: string;
  type?: string;
}

/** What the receiver made of the webhook. */
export interface WebhookOutcome {
  /** The status the receiver answered. */
  status: number;
  /** Its answer's body: JSON when it sent JSON, else text. */
  body: unknown;
  sent: { id: string; type: string };
}

const SEND_TIMEOUT_MS = 10_000;

function fail(message: string): never {
  throw new InvalidWebhookRequestError(message);
}

/** Checks the control body: where to send, with which secret, which event. */
export function parseWebhookRequest(
  provider: string,
  body: unknown,
): WebhookRequest {
  const format = webhookFormats[provider];
  if (!format) {
    throw new NoWebhooksError(
      `${provider} sends no webhooks from the simulator`,
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    fail('body: must be a JSON object');
  }
  const { url, secret, type, environment, ...rest } = body as Record<
    string,
    unknown
  >;
  const unknownKey = Object.keys(rest)[0];
  if (unknownKey !== undefined) {
    fail(`${unknownKey}: is not a webhook setting`);
  }
  let target: URL;
  try {
    target = new URL(String(url));
  } catch {
    fail('url: must be an absolute http or https URL');
  }
  if (
    typeof url !== 'string' ||
    !['http:', 'https:'].includes(target.protocol)
  ) {
    fail('url: must be an absolute http or https URL');
  }
  if (typeof secret !== 'string' || secret === '' || secret.length > 1000) {
    fail('secret: must be a non-empty string');
  }
  if (type !== undefined && !format.types.includes(type as string)) {
    fail(`type: must be one of ${format.types.join(', ')}`);
  }
  if (environment !== undefined) {
    if (typeof environment !== 'string' || !/^[a-z]{1,20}$/.test(environment)) {
      fail('environment: must be an environment name such as production');
    }
    target.searchParams.set('environment', environment);
  }
  return { url: target, secret, ...(type ? { type: type as string } : {}) };
}

/** Builds the provider's webhook, signs it and sends it; answers what the receiver said. */
export async function sendWebhook(
  provider: string,
  request: WebhookRequest,
  now: number,
): Promise<WebhookOutcome> {
  const format = webhookFormats[provider];
  const webhook: SignedWebhook = format.build({
    secret: request.secret,
    type: request.type ?? format.defaultType,
    now,
  });
  const response = await fetch(request.url, {
    method: 'POST',
    headers: webhook.headers,
    body: webhook.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  const text = await response.text();
  let answer: unknown = text;
  try {
    answer = JSON.parse(text);
  } catch {
    // Not JSON: the text is the answer.
  }
  return {
    status: response.status,
    body: answer,
    sent: { id: webhook.id, type: webhook.type },
  };
}
