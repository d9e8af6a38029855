import { SECRET_LOOKING_KEY } from '@internal/plugin-integrations-common';

export const MASK = '••••••';

/**
 * A copy of `value` with everything under a secret-looking key replaced by a
 * mask, for audit records. Validation keeps such keys out of configurations;
 * this guards the records of anything stored before that rule or by mistake.
 */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(maskSecrets);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_LOOKING_KEY.test(key) && inner !== null && inner !== undefined
          ? MASK
          : maskSecrets(inner),
      ]),
    );
  }
  return value;
}

/**
 * Masks secret-looking values in the free-form parts of settings (the
 * provider's and custom settings); the typed sections hold no secrets.
 */
export function maskSettingsSecrets(value: unknown): unknown {
  if (
    typeof value !== 'object' ||
    value === null ||
    !('featureConfig' in value)
  ) {
    return value;
  }
  const settings = value as { featureConfig: Record<string, unknown> };
  return {
    ...settings,
    featureConfig: {
      ...settings.featureConfig,
      featureSettings: maskSecrets(settings.featureConfig.featureSettings),
      customSettings: maskSecrets(settings.featureConfig.customSettings),
    },
  };
}
