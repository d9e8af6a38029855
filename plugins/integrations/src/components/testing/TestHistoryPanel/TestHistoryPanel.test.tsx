import { renderInTestApp } from '@backstage/frontend-test-utils';
import { FAILURE_CLASS_INFO } from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
} from '../../../__testUtils__/fixtures';
import { testRunResult } from '../../../__testUtils__/healthFixtures';
import { TestHistoryPanel } from './TestHistoryPanel';

jest.setTimeout(30_000);

const failed = testRunResult();
const passed = testRunResult({
  id: 'run-2',
  integration: 'stripe',
  environment: 'staging',
  suite: 'full',
  status: 'passed',
  trigger: 'scheduled',
  failure: undefined,
  startedAt: new Date(Date.now() - 60_000).toISOString(),
});

describe('TestHistoryPanel', () => {
  it('lists the runs of every integration, expands one to its steps, and asks for the filtered page', async () => {
    const api = fakeIntegrationsApi({
      listTestHistory: async () => ({
        items: [failed, passed],
        totalCount: 45,
      }),
    });
    await renderInTestApp(<TestHistoryPanel />, {
      apis: [[integrationsApiRef, api], allowEverything()],
    });

    const table = await screen.findByRole('table', { name: 'Test history' });
    expect(within(table).getByText('paypal')).toBeInTheDocument();
    expect(within(table).getByText('stripe')).toBeInTheDocument();
    expect(within(table).getByText('Credentials refused')).toBeInTheDocument();
    expect(api.listTestHistory).toHaveBeenLastCalledWith({
      offset: 0,
      limit: 20,
    });

    await userEvent.click(
      within(table).getAllByRole('button', {
        name: /^Show the steps of paypal/,
      })[0],
    );
    expect(await screen.findByText('Get access token')).toBeInTheDocument();
    expect(
      screen.getByText(`1. ${FAILURE_CLASS_INFO.auth_invalid.repairSteps[0]}`),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Suite'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Full diagnostics',
      }),
    );
    await userEvent.click(screen.getByLabelText('Trigger'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Scheduled',
      }),
    );
    await userEvent.type(screen.getByLabelText('Integration'), 'stripe');
    await waitFor(() =>
      expect(api.listTestHistory).toHaveBeenLastCalledWith({
        integration: 'stripe',
        suite: 'full',
        trigger: 'scheduled',
        offset: 0,
        limit: 20,
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.listTestHistory).toHaveBeenLastCalledWith(
        expect.objectContaining({ offset: 20, limit: 20 }),
      ),
    );
  });
});
