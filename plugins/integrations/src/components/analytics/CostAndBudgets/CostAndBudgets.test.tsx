import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import {
  budgetOf,
  costOf,
  usageAnalyticsOf,
  usageMetrics,
  withCosts,
} from '../../../__testUtils__/analyticsFixtures';
import { CostAndBudgets } from './CostAndBudgets';

jest.setTimeout(30_000);

const usage = usageAnalyticsOf([
  usageMetrics('stripe', { calls: 100 }),
  usageMetrics('brevo', { calls: 50 }),
  usageMetrics('github', { calls: 10 }),
]);

describe('CostAndBudgets', () => {
  it('shows the cost against the previous period, its costliest operations and how budgets burn', async () => {
    await renderInTestApp(
      <CostAndBudgets
        analytics={withCosts(
          usage,
          [
            costOf('stripe', {
              total: 120,
              previous: 100,
              operation: 'POST /v1/charges',
            }),
            costOf('brevo', {
              total: 30,
              fixed: 25,
              operation: 'POST /v3/smtp/email',
              owner: 'group:default/marketing',
            }),
            costOf('github', { total: 0, priced: false }),
          ],
          [
            budgetOf('team', 'group:default/payments-team', {
              monthly: 500,
              spent: 100,
              projected: 310,
            }),
            budgetOf('integration', 'brevo', {
              monthly: 40,
              spent: 42,
              projected: 60,
            }),
          ],
        )}
      />,
    );

    expect(
      screen.getByText(/^€150\.00 over the period, \+50 % vs €100\.00/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Not priced, so counted as nothing: github\./),
    ).toHaveTextContent('integrations.usage.pricing');

    const operations = screen.getByRole('table', {
      name: 'Costliest operations',
    });
    expect(
      within(operations)
        .getAllByRole('row')
        .slice(1)
        .map(row => (row as HTMLTableRowElement).cells[1].textContent),
    ).toEqual(['POST /v1/charges', 'POST /v3/smtp/email']);
    expect(
      within(operations).getByRole('row', { name: /POST \/v3\/smtp\/email/ }),
    ).toHaveTextContent('€5.00');
    for (const title of [
      'Per integration',
      'Per team',
      'Per environment',
      'Per Component',
    ]) {
      expect(screen.getByRole('group', { name: title })).toBeInTheDocument();
    }

    const budgets = screen.getAllByRole('listitem', { name: /^Budget of/ });
    expect(budgets.map(b => b.getAttribute('aria-label'))).toEqual([
      'Budget of Integration brevo',
      'Budget of Team payments-team',
    ]);
    expect(within(budgets[0]).getByText('Critical')).toBeInTheDocument();
    expect(budgets[0]).toHaveTextContent(
      '€42.00 of €40.00 spent this month (105 %), projected €60.00',
    );
    expect(within(budgets[0]).getByRole('meter')).toHaveAttribute(
      'aria-valuenow',
      '105',
    );
    expect(within(budgets[1]).getByText('On budget')).toBeInTheDocument();
  });

  it('points to the pricing configuration when nothing is priced', async () => {
    await renderInTestApp(
      <CostAndBudgets
        analytics={withCosts(usage, [
          costOf('stripe', { total: 0, priced: false }),
          costOf('brevo', { total: 0, priced: false }),
          costOf('github', { total: 0, priced: false }),
        ])}
      />,
    );

    const hint = screen.getByRole('status');
    expect(hint).toHaveTextContent('No prices configured');
    expect(hint).toHaveTextContent('integrations.usage.pricing');
    expect(hint).toHaveTextContent(
      'Usage section of the Integration Manager README',
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.getByText(/No budgets configured/)).toBeInTheDocument();
  });
});
