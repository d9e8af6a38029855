import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  Environment,
  TestRunResult,
  TestSuite,
  integrationTestRunPermission,
} from '@internal/plugin-integrations-common';
import { RequestGuard } from '../permissions/RequestGuard';
import { integrationResourceRef } from '../permissions/rules';
import { ConnectionTestService } from './ConnectionTestService';

/**
 * A test a person starts, allowed by the permission to run tests on that
 * configuration; the run is kept in its test history under their name. The
 * test routes and the run-connection-test action both come here.
 */
export async function runManualTest(
  options: { guard: RequestGuard; tester: ConnectionTestService },
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  target: { name: string; environment: Environment; suite: TestSuite },
): Promise<TestRunResult> {
  const { name, environment, suite } = target;
  await options.guard.authorizeResources(
    credentials,
    integrationTestRunPermission,
    [integrationResourceRef(name, environment)],
  );
  return options.tester.test(name, environment, {
    suite,
    trigger: 'manual',
    actor: credentials.principal.userEntityRef,
  });
}
