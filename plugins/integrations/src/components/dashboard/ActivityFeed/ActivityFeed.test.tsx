import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ActivityItem } from '@internal/plugin-integrations-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActivityFeed } from './ActivityFeed';

const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

const items: ActivityItem[] = [
  {
    id: 'a',
    at: minutesAgo(2),
    kind: 'test',
    integration: 'stripe',
    environment: 'production',
    summary: 'Quick test passed',
    actor: 'user:default/ada',
    status: 'passed',
  },
  {
    id: 'b',
    at: minutesAgo(10),
    kind: 'health_change',
    integration: 'paypal',
    environment: 'production',
    summary: 'PayPal became unhealthy',
    status: 'unhealthy',
  },
  {
    id: 'c',
    at: minutesAgo(30),
    kind: 'config_change',
    integration: 'stripe',
    environment: 'production',
    summary: 'Version 4 saved',
    actor: 'user:default/grace',
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
