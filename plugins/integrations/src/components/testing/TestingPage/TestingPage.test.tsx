import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import { integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
} from '../../../__testUtils__/fixtures';
import {
  dashboardOf,
  healthStatus,
} from '../../../__testUtils__/healthFixtures';
import { TestingPage } from './TestingPage';

describe('TestingPage', () => {
  it('offers to test every integration of the environment in the URL', async () => {
    const api = fakeIntegrationsApi({
      getDashboard: async environment => ({
        ...dashboardOf([healthStatus({ environment })]),
        environment,
      }),
    });
    await renderInTestApp(<TestingPage />, {
      apis: [[integrationsApiRef, api], allowEverything()],
      initialRouteEntries: ['/?environment=staging'],
    });

    expect(
      screen.getByRole('heading', { name: 'Connection testing' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Test all/ })).toBeEnabled(),
    );
    expect(api.getDashboard).toHaveBeenCalledWith('staging');
  });
});
