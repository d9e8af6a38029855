import { createHash, timingSafeEqual } from 'node:crypto';

/** A webhook as it arrived: the exact bytes, and its headers by lower-case name. */
export interface SignedRequest {
  rawBody: Buffer;
  header(name: string): string | undefined;
}

/** Whether a webhook's signature holds, and if not, why; never a secret. */
export type SignatureCheck =
  | { verified: true }
  | { verified: false; reason: string };

/** The secret cannot verify anything: a configuration problem, not the sender's. */
export class UnusableSecretError extends Error {
  name = 'UnusableSecretError' as const;
}

export const verified: SignatureCheck = { verified: true };

export function refused(reason: string): SignatureCheck {
  return { verified: false, reason };
}

/**
 * Compares two texts in time that depends on neither: both are hashed first,
 * so not even their lengths show in how long the comparison takes.
 */
export function sameText(a: string, b: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Refuses a signature made longer ago (or further ahead) than the tolerance
 * allows, which is how a captured webhook sent again is told apart.
 */
export function checkTimestamp(
  signedAtSeconds: number,
  now: Date,
  toleranceSeconds: number,
): SignatureCheck {
  const ageSeconds = Math.floor(now.getTime() / 1000) - signedAtSeconds;
  if (ageSeconds > toleranceSeconds) {
    return refused(
      `Stale timestamp: signed ${ageSeconds} s ago, more than the ${toleranceSeconds} s tolerance; a replay is refused`,
    );
  }
  if (-ageSeconds > toleranceSeconds) {
    return refused(
      `Timestamp ${-ageSeconds} s in the future, more than the ${toleranceSeconds} s tolerance; check the sender's clock`,
    );
  }
  return verified;
}

/** Unix seconds as a header writes them: digits only, nothing else. */
export function unixSeconds(text: string | undefined): number | undefined {
  return text !== undefined && /^\d{1,12}$/.test(text)
    ? Number(text)
    : undefined;
}
