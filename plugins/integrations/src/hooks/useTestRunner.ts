import { useApi } from '@backstage/core-plugin-api';
import { Environment, TestSuite } from '@internal/plugin-integrations-common';
import { useCallback, useRef } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { integrationsApiRef } from '../api';

/**
 * Runs tests of one integration on demand: `run()` the quick test,
 * `run(suite)` a diagnostics suite, `rerun()` whichever ran last. The state
 * keeps the latest result while the next run is in progress.
 */
export function useTestRunner(name: string, environment: Environment) {
  const api = useApi(integrationsApiRef);
  const lastSuite = useRef<TestSuite>();
  const [state, start] = useAsyncFn(
    (suite?: TestSuite) =>
      suite
        ? api.runDiagnostics(name, environment, suite)
        : api.testIntegration(name, environment),
    [api, name, environment],
  );

  const run = useCallback(
    (suite?: TestSuite) => {
      lastSuite.current = suite;
      return start(suite);
    },
    [start],
  );
  const rerun = useCallback(() => start(lastSuite.current), [start]);

  return { state, run, rerun };
}
