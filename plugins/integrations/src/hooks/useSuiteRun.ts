import { useApi } from '@backstage/core-plugin-api';
import {
  Environment,
  TestRunResult,
  TestSuite,
} from '@internal/plugin-integrations-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { integrationsApiRef } from '../api';
import { errorMessage } from '../requestErrors';

/** How many integrations a suite run tests at the same time. */
export const SUITE_RUN_CONCURRENCY = 3;

/** Where one integration of a suite run is. */
export type SuiteRunState =
  | 'queued'
  | 'running'
  | 'passed'
  | 'degraded'
  | 'failed'
  | 'error'
  | 'cancelled';

export interface SuiteRunItem {
  integration: string;
  environment: Environment;
  state: SuiteRunState;
  result?: TestRunResult;
  /** Why the test could not run, e.g. a refused permission. */
  error?: string;
}

/**
 * Runs one test suite on several integrations, a few at a time, and keeps
 * each one's progress and result. Cancelling leaves the running tests to
 * finish and drops the queued ones.
 */
export function useSuiteRun() {
  const api = useApi(integrationsApiRef);
  const [suite, setSuite] = useState<TestSuite>();
  const [items, setItems] = useState<SuiteRunItem[]>([]);
  const [running, setRunning] = useState(false);
  /** The run in progress; a new run or cancelling replaces it. */
  const current = useRef<{ cancelled: boolean }>();

  useEffect(
    () => () => {
      if (current.current) {
        current.current.cancelled = true;
      }
    },
    [],
  );

  const update = (
    integration: string,
    environment: Environment,
    change: Partial<SuiteRunItem>,
  ) =>
    setItems(previous =>
      previous.map(item =>
        item.integration === integration && item.environment === environment
          ? { ...item, ...change }
          : item,
      ),
    );

  const start = useCallback(
    async (
      runSuite: TestSuite,
      targets: Array<{ integration: string; environment: Environment }>,
    ) => {
      const run = { cancelled: false };
      current.current = run;
      setSuite(runSuite);
      setItems(targets.map(target => ({ ...target, state: 'queued' })));
      setRunning(true);
      let next = 0;
      const worker = async () => {
        while (!run.cancelled && next < targets.length) {
          const { integration, environment } = targets[next++];
          update(integration, environment, { state: 'running' });
          try {
            const result = await api.runDiagnostics(
              integration,
              environment,
              runSuite,
            );
            update(integration, environment, { state: result.status, result });
          } catch (error) {
            update(integration, environment, {
              state: 'error',
              error: errorMessage(error as Error),
            });
          }
        }
      };
      await Promise.all(
        Array.from(
          { length: Math.min(SUITE_RUN_CONCURRENCY, targets.length) },
          worker,
        ),
      );
      if (current.current === run) {
        setRunning(false);
      }
    },
    [api],
  );

  const cancel = useCallback(() => {
    if (!current.current) {
      return;
    }
    current.current.cancelled = true;
    setItems(previous =>
      previous.map(item =>
        item.state === 'queued' ? { ...item, state: 'cancelled' } : item,
      ),
    );
  }, []);

  return { suite, items, running, start, cancel };
}
