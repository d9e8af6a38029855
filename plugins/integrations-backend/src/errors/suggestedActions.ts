import {
  FAILURE_CLASSES,
  FAILURE_CLASS_INFO,
  FailureClass,
  ProviderDefinition,
  SuggestedActions,
} from '@internal/plugin-integrations-common';
import { knownErrorOf } from '../connectionTests/classifyFailure';

/** What keeps each class from coming back, and what shows it early. */
const PREVENTION: Partial<
  Record<FailureClass, { preventive: string[]; monitoring: string[] }>
> = {
  auth_invalid: {
    preventive: [
      'Keep one key per integration and environment, so rotating one never breaks another.',
    ],
    monitoring: [
      'Keep the health check on: a refused key fails it within one interval.',
    ],
  },
  auth_expired: {
    preventive: [
      'Set the credential expiry date so the portal warns before it runs out.',
    ],
    monitoring: ['Watch the expiring-credentials list on the Dashboard.'],
  },
  rate_limited: {
    preventive: [
      'Call the provider through the integrations client, which waits before a limit instead of after it.',
      'Raise the rate-limit buffer of the configuration or spread batch jobs over quieter hours.',
    ],
    monitoring: [
      'Watch the rate-limit meters and forecasts on the Analytics page.',
    ],
  },
  timeout: {
    preventive: [
      'Move slow calls off the request path (queue them) or raise the configured timeout.',
    ],
    monitoring: ['Watch p95 response time on the Analytics page.'],
  },
  provider_error: {
    preventive: [
      'Retry idempotent calls with backoff; the integrations client does.',
    ],
    monitoring: ["Subscribe to the provider's status page."],
  },
};

const DEFAULT_PREVENTION = {
  preventive: [
    'Add a note to the configuration with what caused this, for the next person.',
  ],
  monitoring: ['Keep the health check on for this configuration.'],
};

/**
 * What to do about a group: the provider's own entry for its code or class
 * first, then the generic steps of the class.
 */
export function suggestedActionsFor(
  provider: ProviderDefinition | undefined,
  errorType: string,
  providerCode: string | undefined,
): SuggestedActions & { documentationUrl?: string } {
  const failureClass = (FAILURE_CLASSES as readonly string[]).includes(
    errorType,
  )
    ? (errorType as FailureClass)
    : undefined;
  if (!failureClass) {
    return {
      immediate: [
        'Open one of the events below and read the provider’s answer.',
      ],
      ...DEFAULT_PREVENTION,
    };
  }
  const known = knownErrorOf(provider, failureClass, providerCode);
  const generic = PREVENTION[failureClass] ?? DEFAULT_PREVENTION;
  return {
    immediate:
      known?.repairSteps ?? FAILURE_CLASS_INFO[failureClass].repairSteps,
    preventive: known?.preventive ?? generic.preventive,
    monitoring: known?.monitoring ?? generic.monitoring,
    ...(known?.documentationUrl
      ? { documentationUrl: known.documentationUrl }
      : {}),
  };
}
