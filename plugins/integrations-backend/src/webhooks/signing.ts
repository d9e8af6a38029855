import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const SECRET_PREFIX = 'whsec_';
/** Standard Webhooks asks for 24 to 64 bytes; 32 matches the HMAC-SHA256 block of security. */
const SECRET_BYTES = 32;

/** A new signing secret: `whsec_` and base64 of random bytes. */
export function newSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/** What a page may show of a secret: its prefix and last four characters. */
export function maskedSecret(last4: string): string {
  return `${SECRET_PREFIX}…${last4}`;
}

/** The headers of one attempt to deliver a message. */
export interface SignedHeaders {
  'content-type': 'application/json';
  'user-agent': string;
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export const WEBHOOK_USER_AGENT = 'Backstage-Integrations-Webhooks/1.0';

/**
 * Signs a message as Standard Webhooks specifies, with every secret given:
 * during a rotation the old and the new secret both sign, space-separated,
 * so a receiver holding either verifies it.
 */
export function signMessage(options: {
  id: string;
  timestamp: Date;
  body: string;
  secrets: string[];
}): SignedHeaders {
  const signatures = options.secrets.map(secret =>
    new Webhook(secret).sign(options.id, options.timestamp, options.body),
  );
  return {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    'webhook-id': options.id,
    'webhook-timestamp': Math.floor(
      options.timestamp.getTime() / 1000,
    ).toString(),
    'webhook-signature': signatures.join(' '),
  };
}
