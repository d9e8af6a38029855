import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import { integrationsApiRef } from '../../../api';
import {
  fakeIntegrationsApi,
  permissions,
} from '../../../__testUtils__/fixtures';
import {
  usageAnalyticsOf,
  usageMetrics,
} from '../../../__testUtils__/analyticsFixtures';
import { AnalyticsPage } from '../AnalyticsPage';

// Offering the export when it is allowed is tested with the page
// (AnalyticsPage.test.tsx); permission answers are cached per permission
// across the tests of a file, so the refusal has a file of its own.
describe('UsageExportMenu', () => {
  it('is not offered to those who may not export usage', async () => {
    const api = fakeIntegrationsApi({
      getUsageAnalytics: async () =>
        usageAnalyticsOf([usageMetrics('stripe', { calls: 10 })]),
    });
    const asked: string[] = [];
    await renderInTestApp(<AnalyticsPage />, {
      apis: [
        [integrationsApiRef, api],
        permissions(name => {
          asked.push(name);
          return name !== 'integrations.analytics.export';
        }),
      ],
    });

    await screen.findByRole('table', { name: 'Usage per integration' });
    await waitFor(() =>
      expect(asked).toContain('integrations.analytics.export'),
    );
    // Let the answer (already given) reach the page before looking.
    await act(() => new Promise(resolve => setTimeout(resolve, 0)));

    expect(screen.getByRole('button', { name: 'Refresh' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
    expect(api.exportUsageAnalytics).not.toHaveBeenCalled();
  });
});
