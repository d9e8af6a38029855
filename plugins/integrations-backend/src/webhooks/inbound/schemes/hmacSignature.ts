import { HmacSignatureFormat } from '@internal/plugin-integrations-common';
import { createHmac } from 'node:crypto';
import {
  SignatureCheck,
  SignedRequest,
  refused,
  sameText,
  verified,
} from './signedRequest';

/** GitHub's `X-Hub-Signature-256`: an HMAC-SHA256 of the body, in hex, after `sha256=`. */
export const GITHUB_SIGNATURE: HmacSignatureFormat = {
  header: 'x-hub-signature-256',
  algorithm: 'sha256',
  encoding: 'hex',
  prefix: 'sha256=',
  eventIdHeader: 'x-github-delivery',
};

/** The signature header's value for a body, as a sender writes it. */
export function hmacSignature(
  format: HmacSignatureFormat,
  secret: string,
  body: Buffer | string,
): string {
  const digest = createHmac(format.algorithm, secret)
    .update(body)
    .digest(format.encoding);
  return `${format.prefix}${digest}`;
}

/**
 * An HMAC of the raw body in one header, as GitHub and many APIs sign. Hex
 * digests compare case-blind, base64 ones exactly.
 */
export function verifyHmacSignature(
  format: HmacSignatureFormat,
  secret: string,
  request: SignedRequest,
): SignatureCheck {
  const sent = request.header(format.header)?.trim();
  if (!sent) {
    return refused(`Missing the ${format.header} signature header`);
  }
  const expected = hmacSignature(format, secret, request.rawBody);
  const normalize = (value: string) =>
    format.encoding === 'hex' ? value.toLowerCase() : value;
  if (!sameText(normalize(sent), normalize(expected))) {
    return refused(
      `The ${format.header} signature does not match the body and the stored secret`,
    );
  }
  return verified;
}
