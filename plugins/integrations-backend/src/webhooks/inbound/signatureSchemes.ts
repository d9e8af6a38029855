import { InboundWebhookSetup } from '@internal/plugin-integrations-common';
import { GITHUB_SIGNATURE, verifyHmacSignature } from './schemes/hmacSignature';
import { SignatureCheck, SignedRequest } from './schemes/signedRequest';
import { verifyStandardWebhook } from './schemes/standardWebhooksSignature';
import { verifyStripeSignature } from './schemes/stripeSignature';
import { verifyTelegramSecretToken } from './schemes/telegramSecretToken';

export type { SignatureCheck, SignedRequest } from './schemes/signedRequest';
export { UnusableSecretError } from './schemes/signedRequest';

/**
 * Checks a webhook's signature on its raw body, in the scheme of the
 * integration's provider. Throws {@link UnusableSecretError} when the stored
 * secret cannot verify anything.
 */
export function verifySignature(
  setup: InboundWebhookSetup,
  secret: string,
  request: SignedRequest,
  now: Date,
): SignatureCheck {
  switch (setup.scheme) {
    case 'stripe':
      return verifyStripeSignature(
        secret,
        request,
        now,
        setup.toleranceSeconds,
      );
    case 'github':
      return verifyHmacSignature(GITHUB_SIGNATURE, secret, request);
    case 'telegram':
      return verifyTelegramSecretToken(secret, request);
    case 'standard_webhooks':
      return verifyStandardWebhook(
        secret,
        request,
        now,
        setup.toleranceSeconds,
      );
    case 'hmac':
      return setup.hmac
        ? verifyHmacSignature(setup.hmac, secret, request)
        : { verified: false, reason: 'No HMAC signature format is set' };
    default:
      return { verified: false, reason: 'Unknown signature scheme' };
  }
}
