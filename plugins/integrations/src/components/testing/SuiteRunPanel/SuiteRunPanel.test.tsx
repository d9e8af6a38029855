import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  Environment,
  FAILURE_CLASS_INFO,
  TestRunResult,
  TestSuite,
  integrationTestRunPermission,
} from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  fakeIntegrationsApi,
  permissions,
} from '../../../__testUtils__/fixtures';
import {
  healthStatus,
  testRunResult,
} from '../../../__testUtils__/healthFixtures';
import { SuiteRunPanel } from './SuiteRunPanel';

jest.setTimeout(30_000);

const statuses = ['stripe', 'paypal', 'github', 'brevo', 'odoo'].map(name =>
  healthStatus({ integration: name, displayName: name.toUpperCase() }),
);

function resultOf(
  name: string,
  environment: Environment,
  suite: TestSuite,
): TestRunResult {
  if (name === 'paypal') {
    return testRunResult({ environment, suite });
  }
  return testRunResult({
    id: `run-${name}`,
    integration: name,
    environment,
    suite,
    status: name === 'github' ? 'degraded' : 'passed',
    durationMs: 800,
    steps: [
      {
        id: 'dns',
        category: 'connectivity',
        name: `Resolve ${name} host`,
        status: 'passed',
        durationMs: 10,
        message: `${name} resolves`,
      },
    ],
    failure: undefined,
  });
}

async function renderPanel(
  api = fakeIntegrationsApi({
    getHealth: async () => ({ environment: 'production', items: statuses }),
    runDiagnostics: async (name, environment, suite) =>
      resultOf(name, environment, suite),
  }),
  allow: (permission: string, ref?: string) => boolean = () => true,
) {
  await renderInTestApp(<SuiteRunPanel />, {
    apis: [[integrationsApiRef, api], permissions(allow)],
  });
  await screen.findByText('STRIPE');
  return api;
}

const select = async (name: string) => {
  const box = screen.getByRole('checkbox', { name: `Select ${name}` });
  await waitFor(() => expect(box).toBeEnabled());
  await userEvent.click(box);
};

describe('SuiteRunPanel', () => {
  it('runs the chosen suite on three integrations and shows each one’s steps', async () => {
    const api = await renderPanel();

    await userEvent.click(screen.getByLabelText(/^Full diagnostics/));
    for (const name of ['stripe', 'paypal', 'github']) {
      await select(name);
    }
    await userEvent.click(
      screen.getByRole('button', { name: 'Run full diagnostics on 3' }),
    );

    const progress = await screen.findByRole('table', {
      name: 'Progress of the test run',
    });
    await waitFor(() =>
      expect(within(progress).getByTestId('run-paypal')).toHaveTextContent(
        'Failed',
      ),
    );
    expect(within(progress).getByTestId('run-stripe')).toHaveTextContent(
      'Passed',
    );
    expect(within(progress).getByTestId('run-github')).toHaveTextContent(
      'Passed with warnings',
    );
    expect(api.runDiagnostics).toHaveBeenCalledTimes(3);
    expect(api.runDiagnostics).toHaveBeenCalledWith(
      'stripe',
      'production',
      'full',
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Show the result of stripe' }),
    );
    expect(await screen.findByText('Resolve stripe host')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show the result of github' }),
    );
    expect(await screen.findByText('Resolve github host')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Show the result of paypal' }),
    );
    expect(await screen.findByText('Get access token')).toBeInTheDocument();
    expect(
      screen.getAllByText(FAILURE_CLASS_INFO.auth_invalid.label).length,
    ).toBeGreaterThan(0);
    FAILURE_CLASS_INFO.auth_invalid.repairSteps.forEach((step, index) =>
      expect(screen.getByText(`${index + 1}. ${step}`)).toBeInTheDocument(),
    );
  });

  it('tests at most three at a time, and cancelling drops the queued ones', async () => {
    const pending: Array<() => void> = [];
    const api = fakeIntegrationsApi({
      getHealth: async () => ({ environment: 'production', items: statuses }),
      runDiagnostics: (name, environment, suite) =>
        new Promise(resolve =>
          pending.push(() => resolve(resultOf(name, environment, suite))),
        ),
    });
    await renderPanel(api);

    const all = screen.getByRole('checkbox', {
      name: 'Select all integrations shown',
    });
    await waitFor(() => expect(all).toBeEnabled());
    await userEvent.click(all);
    await userEvent.click(
      screen.getByRole('button', { name: 'Run quick test on 5' }),
    );

    await waitFor(() => expect(api.runDiagnostics).toHaveBeenCalledTimes(3));
    const progress = screen.getByRole('table', {
      name: 'Progress of the test run',
    });
    expect(within(progress).getAllByText('Running')).toHaveLength(3);
    expect(within(progress).getAllByText('Queued')).toHaveLength(2);

    pending[0]();
    await waitFor(() => expect(api.runDiagnostics).toHaveBeenCalledTimes(4));

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(within(progress).getByTestId('run-odoo')).toHaveTextContent(
      'Cancelled',
    );
    pending.slice(1).forEach(finish => finish());
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Cancel' }),
      ).not.toBeInTheDocument(),
    );
    expect(api.runDiagnostics).toHaveBeenCalledTimes(4);
  });

  it('keeps integrations the user may not test visible but unselectable, with the reason', async () => {
    const api = await renderPanel(
      undefined,
      (permission, ref) =>
        !(
          permission === integrationTestRunPermission.name &&
          ref === 'paypal:production'
        ),
    );

    const all = screen.getByRole('checkbox', {
      name: 'Select all integrations shown',
    });
    await waitFor(() => expect(all).toBeEnabled());
    const paypal = screen.getByRole('checkbox', { name: 'Select paypal' });
    expect(paypal).toBeDisabled();
    await userEvent.hover(paypal.closest('.MuiCheckbox-root')!.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You may not run tests of paypal in production',
    );

    await userEvent.click(all);
    await userEvent.click(
      screen.getByRole('button', { name: 'Run quick test on 4' }),
    );
    await waitFor(() => expect(api.runDiagnostics).toHaveBeenCalledTimes(4));
    expect(api.runDiagnostics).not.toHaveBeenCalledWith(
      'paypal',
      expect.anything(),
      expect.anything(),
    );
  });
});
