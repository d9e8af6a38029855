import { createHmac } from 'node:crypto';
import {
  SignatureCheck,
  SignedRequest,
  checkTimestamp,
  refused,
  sameText,
  unixSeconds,
} from './signedRequest';

const HEADER = 'stripe-signature';

/** `Stripe-Signature`'s fields: the timestamp and every v1 signature. */
function parseStripeSignature(value: string) {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of value.split(',')) {
    const at = part.indexOf('=');
    const key = part.slice(0, at).trim();
    const field = part.slice(at + 1).trim();
    if (at < 0) {
      continue;
    }
    if (key === 't' && timestamp === undefined) {
      timestamp = field;
    } else if (key === 'v1') {
      signatures.push(field);
    }
  }
  return { timestamp, signatures };
}

/** The v1 signature Stripe makes: HMAC-SHA256 of `<t>.<raw body>`, in hex. */
export function stripeV1Signature(
  secret: string,
  timestamp: number,
  body: Buffer | string,
): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}.`)
    .update(body)
    .digest('hex');
}

/**
 * Stripe's scheme: any v1 entry may match (Stripe sends one per active
 * secret while one is rolled), and the timestamp must be within tolerance.
 */
export function verifyStripeSignature(
  secret: string,
  request: SignedRequest,
  now: Date,
  toleranceSeconds: number,
): SignatureCheck {
  const header = request.header(HEADER);
  if (!header) {
    return refused('Missing the Stripe-Signature header');
  }
  const { timestamp, signatures } = parseStripeSignature(header);
  const signedAt = unixSeconds(timestamp);
  if (signedAt === undefined) {
    return refused('The Stripe-Signature header has no timestamp (t=)');
  }
  if (!signatures.length) {
    return refused('The Stripe-Signature header has no v1 signature');
  }
  const expected = stripeV1Signature(secret, signedAt, request.rawBody);
  // Every entry is compared, so the time taken says nothing of which matched.
  const matches = signatures.filter(signature =>
    sameText(signature.toLowerCase(), expected),
  );
  if (!matches.length) {
    return refused(
      'No v1 signature in Stripe-Signature matches the body and the stored signing secret',
    );
  }
  return checkTimestamp(signedAt, now, toleranceSeconds);
}
