import { Webhook } from 'standardwebhooks';
import {
  SignatureCheck,
  SignedRequest,
  UnusableSecretError,
  checkTimestamp,
  refused,
  sameText,
  unixSeconds,
} from './signedRequest';

/**
 * The Standard Webhooks signer for a `whsec_…` secret; one that is not
 * base64 cannot verify anything.
 */
function signerFor(secret: string): Webhook {
  try {
    return new Webhook(secret);
  } catch {
    throw new UnusableSecretError(
      'The stored webhook secret is not a Standard Webhooks secret: whsec_ followed by base64',
    );
  }
}

/**
 * Standard Webhooks: `v1,<base64>` entries in `webhook-signature` over
 * `<webhook-id>.<webhook-timestamp>.<body>`. The library makes the signature;
 * the timestamp is judged here, against the service's own clock.
 */
export function verifyStandardWebhook(
  secret: string,
  request: SignedRequest,
  now: Date,
  toleranceSeconds: number,
): SignatureCheck {
  const signer = signerFor(secret);
  const id = request.header('webhook-id');
  const timestamp = request.header('webhook-timestamp');
  const signatures = request.header('webhook-signature');
  if (!id || !timestamp || !signatures) {
    return refused(
      'Missing a Standard Webhooks header: webhook-id, webhook-timestamp and webhook-signature are all required',
    );
  }
  const signedAt = unixSeconds(timestamp);
  if (signedAt === undefined) {
    return refused('webhook-timestamp is not a whole number of seconds');
  }
  const expected = signer.sign(id, new Date(signedAt * 1000), request.rawBody);
  const matches = signatures
    .split(' ')
    .filter(signature => sameText(signature, expected));
  if (!matches.length) {
    return refused(
      'No webhook-signature entry matches the body and the stored secret',
    );
  }
  return checkTimestamp(signedAt, now, toleranceSeconds);
}
