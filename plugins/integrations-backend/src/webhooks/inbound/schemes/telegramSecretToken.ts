import {
  SignatureCheck,
  SignedRequest,
  refused,
  sameText,
  verified,
} from './signedRequest';

/**
 * Telegram signs nothing: it sends back the secret token given to
 * `setWebhook`, which must equal the stored one.
 */
export function verifyTelegramSecretToken(
  secret: string,
  request: SignedRequest,
): SignatureCheck {
  const sent = request.header('x-telegram-bot-api-secret-token');
  if (!sent) {
    return refused('Missing the X-Telegram-Bot-Api-Secret-Token header');
  }
  return sameText(sent, secret)
    ? verified
    : refused(
        'X-Telegram-Bot-Api-Secret-Token does not match the stored webhook secret token',
      );
}
