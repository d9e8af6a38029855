import {
  WEBHOOKS_SIGNAL_CHANNEL,
  WebhookSignal,
} from '@internal/plugin-integrations-common';
import { useThrottledSignal } from './useThrottledSignal';

/**
 * A number that goes up when the backend signals a webhook change of a kind
 * the caller shows; a busy endpoint reloads the page at most once a window.
 */
export function useWebhooksChanged(
  kinds: ReadonlyArray<WebhookSignal['kind']>,
): number {
  return useThrottledSignal<WebhookSignal>(WEBHOOKS_SIGNAL_CHANNEL, signal =>
    kinds.includes(signal.kind),
  );
}
