import { renderInTestApp } from '@backstage/frontend-test-utils';
import { TestRunResult } from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
} from '../../../__testUtils__/fixtures';
import { testRunResult } from '../../../__testUtils__/healthFixtures';
import { IntegrationTestsPanel } from './IntegrationTestsPanel';

jest.setTimeout(30_000);

const failedRun = testRunResult();
const olderRun = testRunResult({
  id: 'run-0',
  suite: 'full',
  status: 'passed',
  failure: undefined,
  trigger: 'scheduled',
  triggeredBy: 'plugin:integrations',
  startedAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
  steps: [],
});

function apiWith(runs: TestRunResult[]) {
  const history = [...runs];
  const api = fakeIntegrationsApi({
    listTestRuns: async () => ({ items: history, totalCount: history.length }),
  });
  return { api, history };
}

async function renderPanel(api = apiWith([failedRun, olderRun]).api) {
  await renderInTestApp(
    <IntegrationTestsPanel name="paypal" environment="production" />,
    { apis: [[integrationsApiRef, api], allowEverything()] },
  );
  return api;
}

const settledButton = (name: string) =>
  waitFor(() => {
    const button = screen.getByRole('button', { name });
    expect(button).toBeEnabled();
    return button;
  });

describe('IntegrationTestsPanel', () => {
  it('lists earlier runs and shows the newest in full', async () => {
    const api = await renderPanel();

    expect(await screen.findByText('Test runs (2)')).toBeInTheDocument();
    expect(api.listTestRuns).toHaveBeenCalledWith('paypal', 'production', {
      limit: 20,
    });
    const rows = screen.getAllByRole('row');
    const older = rows.find(row => row.textContent?.includes('3 hours ago'));
    expect(older).toHaveTextContent(
      '3 hours agoFull diagnosticsPassed—1.5 sintegrations (scheduled)',
    );
    const newest = rows.find(row =>
      row.textContent?.includes('Credentials refused'),
    );
    expect(newest).toHaveTextContent(
      'Quick testFailedCredentials refused (auth_invalid)',
    );
    expect(
      screen.getByRole('group', { name: 'How to fix it' }),
    ).toBeInTheDocument();
  });

  it('shows an earlier run when it is clicked', async () => {
    await renderPanel();
    await screen.findByText('Test runs (2)');

    await userEvent.click(screen.getByText('3 hours ago'));

    await waitFor(() =>
      expect(
        screen.queryByRole('group', { name: 'How to fix it' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.getByText(/Full diagnostics of paypal in production/),
    ).toBeInTheDocument();
  });

  it('runs the quick test, then shows it and reloads the history', async () => {
    const { api, history } = apiWith([olderRun]);
    const passed = testRunResult({
      id: 'run-2',
      status: 'passed',
      failure: undefined,
      steps: [],
    });
    api.testIntegration.mockImplementation(async () => {
      history.unshift(passed);
      return passed;
    });
    await renderPanel(api);
    await screen.findByText('Test runs (1)');

    await userEvent.click(await settledButton('Run quick test'));

    expect(await screen.findByText('Test runs (2)')).toBeInTheDocument();
    expect(api.testIntegration).toHaveBeenCalledWith('paypal', 'production');
    expect(
      screen.getByText(/Quick test of paypal in production/),
    ).toBeInTheDocument();
  });

  it('runs the chosen diagnostics suite', async () => {
    const { api } = apiWith([]);
    api.runDiagnostics.mockResolvedValue(
      testRunResult({ id: 'run-3', suite: 'auth' }),
    );
    await renderPanel(api);
    expect(
      await screen.findByText('No tests have run in this environment yet.'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Diagnostics suite'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Authentication',
      }),
    );
    await userEvent.click(await settledButton('Run diagnostics'));

    expect(
      await screen.findByText(/Authentication of paypal in production/),
    ).toBeInTheDocument();
    expect(api.runDiagnostics).toHaveBeenCalledWith(
      'paypal',
      'production',
      'auth',
    );
  });
});
