import { ErrorsSignal } from '@internal/plugin-integrations-common';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useErrorsChanged } from './useErrorsChanged';

interface Answer<T> {
  key: string;
  value: T;
}

/**
 * One read of error tracking, named by `key` and loaded again when a
 * relevant errors signal arrives. A failed reload keeps the last answer of
 * the same key; with `keepAcrossKeys` the last answer of any key stays
 * while another one loads, so a table does not go blank between pages.
 */
export function useErrorsQuery<T>(options: {
  key: string;
  load: () => Promise<T>;
  isRelevant: (signal: ErrorsSignal) => boolean;
  keepAcrossKeys?: boolean;
}) {
  const { key, load, isRelevant, keepAcrossKeys } = options;
  const changes = useErrorsChanged(isRelevant);
  // The key stands for everything `load` reads.
  const state = useAsyncRetry(
    async (): Promise<Answer<T>> => ({ key, value: await load() }),
    [key, changes],
  );

  const [lastGood, setLastGood] = useState<Answer<T>>();
  useEffect(() => {
    if (state.value) {
      setLastGood(state.value);
    }
  }, [state.value]);

  const answer = state.value ?? lastGood;
  const current = answer?.key === key;
  return {
    value: answer && (current || keepAcrossKeys) ? answer.value : undefined,
    /** Whether `value` answers this key rather than one asked before. */
    current,
    loading: state.loading,
    error: state.error,
    retry: state.retry,
  };
}
