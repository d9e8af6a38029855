import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef, useState } from 'react';

/** The shortest time between two reloads that signals cause. */
export const SIGNAL_THROTTLE_MS = 2_000;

/**
 * A number that goes up when the backend signals, on the channel, a change
 * the caller shows, so a query that depends on it loads again. A burst of
 * changes signals once each; the first is taken at once and the rest
 * together at the end of each two-second window, so an open page does not
 * ask the backend again for every one.
 */
export function useThrottledSignal<T>(
  channel: string,
  isRelevant: (signal: T) => boolean,
): number {
  const { lastSignal } = useSignal(channel);
  const [changes, setChanges] = useState(0);
  const relevant = useRef(isRelevant);
  relevant.current = isRelevant;
  const window = useRef<{
    timer?: ReturnType<typeof setTimeout>;
    pending: boolean;
  }>({ pending: false });

  useEffect(() => {
    const signal = lastSignal as unknown as T | null;
    if (!signal || !relevant.current(signal)) {
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
        current.timer = setTimeout(close, SIGNAL_THROTTLE_MS);
      } else {
        current.timer = undefined;
      }
    };
    current.timer = setTimeout(close, SIGNAL_THROTTLE_MS);
  }, [lastSignal]);

  useEffect(() => {
    const current = window.current;
    return () => clearTimeout(current.timer);
  }, []);

  return changes;
}
