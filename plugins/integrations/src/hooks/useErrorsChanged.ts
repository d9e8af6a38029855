import {
  ERRORS_SIGNAL_CHANNEL,
  ErrorsSignal,
} from '@internal/plugin-integrations-common';
import { SIGNAL_THROTTLE_MS, useThrottledSignal } from './useThrottledSignal';

/** The shortest time between two reloads that error signals cause. */
export const ERRORS_SIGNAL_THROTTLE_MS = SIGNAL_THROTTLE_MS;

/**
 * A number that goes up when the backend signals a change to errors the
 * caller shows; a burst of failing calls reloads at most once a window.
 */
export function useErrorsChanged(
  isRelevant: (signal: ErrorsSignal) => boolean,
): number {
  return useThrottledSignal(ERRORS_SIGNAL_CHANNEL, isRelevant);
}
