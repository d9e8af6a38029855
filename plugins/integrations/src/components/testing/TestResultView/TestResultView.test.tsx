import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { testRunResult } from '../../../__testUtils__/healthFixtures';
import { TestResultView } from './TestResultView';

const section = (name: string) => screen.getByRole('region', { name });

describe('TestResultView', () => {
  it('shows each step with its status, result, request and duration', async () => {
    await renderInTestApp(<TestResultView result={testRunResult()} />);

    const rows = within(
      screen.getByRole('table', { name: 'Test steps' }),
    ).getAllByRole('row');
    expect(rows.map(row => row.textContent)).toEqual([
      'StatusStepResultRequestDuration',
      'PassedResolve hostapi-m.paypal.com resolves to 2 addresses—12\u00a0ms',
      'FailedGet access tokenThe provider answered 401 invalid_clientPOST /v1/oauth2/token380\u00a0ms',
    ]);
    expect(
      screen.getByText(/Quick test of paypal in production · took 1.5 s/),
    ).toHaveTextContent(/by ada$/);
  });

  it('summarises what the checks found', async () => {
    await renderInTestApp(
      <TestResultView
        result={testRunResult({
          functionality: {
            operation: 'List webhooks',
            passed: true,
            expected: 'a list',
            actual: '3 webhooks',
            durationMs: 120,
          },
          performance: {
            samples: 5,
            minMs: 100,
            p50Ms: 150,
            p95Ms: 300,
            maxMs: 1200,
            failures: 0,
          },
          authentication: {
            credentialsValid: true,
            scopes: {
              required: ['read', 'write'],
              granted: ['read'],
              missing: ['write'],
            },
          },
        })}
      />,
    );

    expect(section('Connectivity')).toHaveTextContent(
      'DNSpassed in 12 ms · 151.101.1.21, 151.101.65.21',
    );
    expect(section('Connectivity')).toHaveTextContent(
      'HTTP requestpassed in 380 ms · status 401',
    );
    expect(section('Authentication')).toHaveTextContent('Scopes missingwrite');
    expect(section('Functionality')).toHaveTextContent(
      'List webhookspassed in 120 msExpecteda listGot3 webhooks',
    );
    expect(section('Performance')).toHaveTextContent(
      'min 100 ms · median 150 ms · p95 300 ms · max 1.2 s',
    );
  });

  it('leads a failure with its explanation and the checklist, and runs the test again', async () => {
    const onRerun = jest.fn();
    await renderInTestApp(
      <TestResultView result={testRunResult()} onRerun={onRerun} />,
    );

    expect(screen.getByText('Credentials refused')).toBeInTheDocument();
    expect(screen.getByText('auth_invalid')).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'How to fix it' }),
    ).toHaveTextContent('3. Run the test again.');

    await userEvent.click(screen.getByRole('button', { name: 'Re-run' }));

    expect(onRerun).toHaveBeenCalled();
  });
});
