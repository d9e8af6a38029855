import { TestApiProvider } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { ErrorsSignal } from '@internal/plugin-integrations-common';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { fakeSignalApi } from '../__testUtils__/healthFixtures';
import {
  ERRORS_SIGNAL_THROTTLE_MS,
  useErrorsChanged,
} from './useErrorsChanged';

const occurred = (integration: string): ErrorsSignal => ({
  patternId: `p-${integration}`,
  integration,
  environment: 'production',
  change: 'occurred',
});

describe('useErrorsChanged', () => {
  afterEach(() => jest.useRealTimers());

  function setup() {
    const signals = fakeSignalApi();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(
      () => useErrorsChanged(signal => signal.integration === 'stripe'),
      { wrapper },
    );
    return { signals, result };
  }

  it('takes the first relevant change at once and a burst after it as one more', async () => {
    jest.useFakeTimers();
    const { signals, result } = setup();
    expect(result.current).toBe(0);

    signals.publishErrors(occurred('sendgrid'));
    expect(result.current).toBe(0);

    signals.publishErrors(occurred('stripe'));
    expect(result.current).toBe(1);
    for (let i = 0; i < 20; i++) {
      signals.publishErrors(occurred('stripe'));
    }
    expect(result.current).toBe(1);

    act(() => {
      jest.advanceTimersByTime(ERRORS_SIGNAL_THROTTLE_MS);
    });
    expect(result.current).toBe(2);

    act(() => {
      jest.advanceTimersByTime(ERRORS_SIGNAL_THROTTLE_MS * 3);
    });
    expect(result.current).toBe(2);

    signals.publishErrors(occurred('stripe'));
    expect(result.current).toBe(3);
  });
});
