import { renderInTestApp } from '@backstage/frontend-test-utils';
import { IntegrationActivity } from '@internal/plugin-integrations-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActivityFeed } from './ActivityFeed';

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

const items: IntegrationActivity[] = [
  {
    id: 'a',
    timestamp: minutesAgo(2),
    operation: 'test',
    integration: 'stripe',
    details: 'Quick test passed',
    userId: 'user:default/ada',
    status: 'success',
    duration: 0,
    metadata: { environment: 'production', resultStatus: 'passed' },
  },
  {
    id: 'b',
    timestamp: minutesAgo(10),
    operation: 'health_change',
    integration: 'paypal',
    details: 'PayPal became unhealthy',
    status: 'error',
    duration: 0,
    metadata: { environment: 'production', resultStatus: 'unhealthy' },
  },
  {
    id: 'c',
    timestamp: minutesAgo(30),
    operation: 'config_change',
    integration: 'stripe',
    details: 'Version 4 saved',
    userId: 'user:default/grace',
    status: 'success',
    duration: 0,
    metadata: { environment: 'production' },
  },
];

async function pick(option: string) {
  await userEvent.click(screen.getByLabelText('Show'));
  await userEvent.click(
    within(screen.getByRole('listbox')).getByRole('option', { name: option }),
  );
}

const shownSummaries = () =>
  within(screen.getByRole('list', { name: 'Recent activity' }))
    .getAllByRole('listitem')
    .map(item => item.textContent);

describe('ActivityFeed', () => {
  it('lists each item with where, when and who', async () => {
    await renderInTestApp(<ActivityFeed items={items} />);

    expect(shownSummaries()).toEqual([
      'Quick test passedstripe · 2 minutes ago · by ada',
      'PayPal became unhealthypaypal · 10 minutes ago',
      'Version 4 savedstripe · 30 minutes ago · by grace',
    ]);
  });

  it('narrows the items to one kind', async () => {
    await renderInTestApp(<ActivityFeed items={items} />);

    await pick('Configuration changes');
    expect(shownSummaries()).toEqual([
      'Version 4 savedstripe · 30 minutes ago · by grace',
    ]);

    await pick('Tests');
    expect(shownSummaries()).toEqual([
      'Quick test passedstripe · 2 minutes ago · by ada',
    ]);

    await pick('All');
    expect(shownSummaries()).toHaveLength(3);
  });

  it('says when nothing of a kind happened', async () => {
    await renderInTestApp(<ActivityFeed items={items.slice(0, 1)} />);

    await pick('Health changes');

    expect(screen.getByText('No health changes lately.')).toBeInTheDocument();
  });
});
