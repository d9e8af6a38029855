import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
} from '../../../__testUtils__/fixtures';
import { healthStatus } from '../../../__testUtils__/healthFixtures';
import { TestingPage } from './TestingPage';

jest.setTimeout(30_000);

describe('TestingPage', () => {
  it('opens on running tests and switches between its sections', async () => {
    await renderInTestApp(<TestingPage />, {
      apis: [
        [
          integrationsApiRef,
          fakeIntegrationsApi({
            getHealth: async () => ({
              environment: 'production',
              items: [healthStatus()],
            }),
            listTestHistory: async () => ({ items: [], totalCount: 0 }),
            getHealthSchedule: async () => ({ items: [] }),
            listTemplates: async () => [],
          }),
        ],
        allowEverything(),
      ],
    });

    expect(await screen.findByText('Test suite')).toBeInTheDocument();
    expect(await screen.findByText('Stripe')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'History' }));
    expect(
      await screen.findByText('No test runs match these filters.'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Schedule' }));
    expect(
      await screen.findByRole('table', { name: 'Health-check schedule' }),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('tab', { name: 'Troubleshooting guides' }),
    );
    expect(
      await screen.findByLabelText('Search the guides'),
    ).toBeInTheDocument();
  });
});
