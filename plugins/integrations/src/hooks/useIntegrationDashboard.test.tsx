import { TestApiProvider } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { integrationsApiRef } from '../api';
import { fakeIntegrationsApi } from '../__testUtils__/fixtures';
import {
  dashboardOf,
  fakeSignalApi,
  healthStatus,
} from '../__testUtils__/healthFixtures';
import {
  DASHBOARD_REFRESH_MS,
  useIntegrationDashboard,
} from './useIntegrationDashboard';

describe('useIntegrationDashboard', () => {
  afterEach(() => jest.useRealTimers());

  function setup(withSignals: boolean) {
    const api = fakeIntegrationsApi({
      getDashboard: async () => dashboardOf([healthStatus()]),
    });
    const signals = fakeSignalApi();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider
        apis={[
          [integrationsApiRef, api],
          ...(withSignals ? [[signalApiRef, signals.api] as const] : []),
        ]}
      >
        {children}
      </TestApiProvider>
    );
    return { api, signals, wrapper };
  }

  it('reloads every 30 seconds, as signals may not be available', async () => {
    jest.useFakeTimers();
    const { api, wrapper } = setup(false);
    const { result } = renderHook(() => useIntegrationDashboard('production'), {
      wrapper,
    });
    await waitFor(() => expect(result.current.dashboard).toBeDefined());
    expect(api.getDashboard).toHaveBeenCalledTimes(1);

    await act(async () => {
      jest.advanceTimersByTime(DASHBOARD_REFRESH_MS);
    });

    await waitFor(() => expect(api.getDashboard).toHaveBeenCalledTimes(2));
  });

  it('keeps the last dashboard when a reload fails', async () => {
    const { api, wrapper } = setup(true);
    const { result } = renderHook(() => useIntegrationDashboard('production'), {
      wrapper,
    });
    await waitFor(() => expect(result.current.dashboard).toBeDefined());
    api.getDashboard.mockRejectedValue(new Error('Backend unavailable'));

    act(() => result.current.refresh());

    await waitFor(() =>
      expect(result.current.error?.message).toBe('Backend unavailable'),
    );
    expect(
      result.current.dashboard?.integrationStatus.stripe?.integration,
    ).toBe('stripe');
  });
});
