import { useSignal } from '@backstage/plugin-signals-react';
import {
  WEBHOOKS_SIGNAL_CHANNEL,
  WebhookSignal,
} from '@internal/plugin-integrations-common';
import { useEffect, useRef, useState } from 'react';

/** The shortest time between two reloads that signals cause. */
export const WEBHOOKS_SIGNAL_THROTTLE_MS = 2_000;

/**
 * A number that goes up when the backend signals a webhook change of a kind
 * the caller shows, so a query that depends on it loads again. A busy
 * endpoint signals every delivery; the first change is taken at once and the
 * rest together at the end of each two-second window.
 */
export function useWebhooksChanged(
  kinds: ReadonlyArray<WebhookSignal['kind']>,
): number {
  const { lastSignal } = useSignal(WEBHOOKS_SIGNAL_CHANNEL);
  const [changes, setChanges] = useState(0);
  const wanted = kinds.join(',');
  const window = useRef<{
    timer?: ReturnType<typeof setTimeout>;
    pending: boolean;
  }>({ pending: false });

  useEffect(() => {
    const signal = lastSignal as unknown as WebhookSignal | null;
    if (!signal || !wanted.split(',').includes(signal.kind)) {
      return;
    }
    const current = window.current;
    if (current.timer) {
      current.pending = true;
      return;
    }
    setChanges(n => n + 1);
    const close = () => {
      if (current.pending) {
        current.pending = false;
        setChanges(n => n + 1);
        current.timer = setTimeout(close, WEBHOOKS_SIGNAL_THROTTLE_MS);
      } else {
        current.timer = undefined;
      }
    };
    current.timer = setTimeout(close, WEBHOOKS_SIGNAL_THROTTLE_MS);
  }, [lastSignal, wanted]);

  useEffect(() => {
    const current = window.current;
    return () => clearTimeout(current.timer);
  }, []);

  return changes;
}
