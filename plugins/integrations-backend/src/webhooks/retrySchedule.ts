import {
  STANDARD_RETRY_SCHEDULE_SECONDS,
  WebhookDeliverySettings,
} from '@internal/plugin-integrations-common';

/** Each delay is moved by up to this share either way, so retries of many deliveries spread out. */
const JITTER = 0.1;

/**
 * The delays before each retry, in seconds: the Standard Webhooks schedule
 * scaled so that it starts at the endpoint's first delay, its last step
 * repeated when more retries are asked for, none longer than the maximum.
 */
export function retryDelaysSeconds(
  settings: Pick<
    WebhookDeliverySettings,
    'retryAttempts' | 'retryDelaySeconds' | 'maxRetryDelay'
  >,
): number[] {
  const scale = settings.retryDelaySeconds / STANDARD_RETRY_SCHEDULE_SECONDS[0];
  const last = STANDARD_RETRY_SCHEDULE_SECONDS.length - 1;
  return Array.from({ length: settings.retryAttempts }, (_, retry) =>
    Math.min(
      settings.maxRetryDelay,
      Math.round(
        STANDARD_RETRY_SCHEDULE_SECONDS[Math.min(retry, last)] * scale,
      ),
    ),
  );
}

/**
 * When to try again after `attemptsMade` attempts, or undefined when they
 * were the last. A receiver's Retry-After replaces the schedule's delay for
 * this retry, still no longer than the maximum.
 */
export function nextAttemptAt(
  settings: WebhookDeliverySettings,
  attemptsMade: number,
  now: Date,
  options: { retryAfterSeconds?: number; random?: () => number } = {},
): Date | undefined {
  const delays = retryDelaysSeconds(settings);
  if (attemptsMade > delays.length) {
    return undefined;
  }
  const random = options.random ?? Math.random;
  const scheduled = delays[attemptsMade - 1];
  const seconds =
    options.retryAfterSeconds !== undefined
      ? Math.min(settings.maxRetryDelay, Math.max(1, options.retryAfterSeconds))
      : scheduled * (1 - JITTER + 2 * JITTER * random());
  return new Date(now.getTime() + Math.round(seconds * 1000));
}
