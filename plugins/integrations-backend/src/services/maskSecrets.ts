const SECRET_KEY =
  /secret|password|passwd|token|api[-_]?key|private[-_]?key|credential|authorization/i;

export const MASK = '••••••';

/**
 * A copy of `value` with every value under a secret-looking key replaced by a
 * mask, for audit records and logs. Configurations hold no credentials by
 * design; this catches the ones typed into free-form settings by mistake.
 */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(maskSecrets);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_KEY.test(key) && inner !== null && typeof inner !== 'object'
          ? MASK
          : maskSecrets(inner),
      ]),
    );
  }
  return value;
}
