import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { historyOf } from '../../../__testUtils__/healthFixtures';
import { HealthHeatmap } from './HealthHeatmap';

/** The colour the legend shows for a band, e.g. "Below 95 %". */
function legendColour(label: string): string {
  const legend = screen.getByRole('list', { name: 'Legend' });
  const swatch = within(legend).getByText(label).querySelector('span');
  return swatch!.style.backgroundColor;
}

describe('HealthHeatmap', () => {
  it('colours each bucket by its uptime, as the legend says', async () => {
    await renderInTestApp(
      <HealthHeatmap
        history={historyOf({
          stripe: [100, 99, 90, null],
          paypal: [100, 100, 100, 100],
        })}
        displayNames={new Map([['stripe', 'Stripe']])}
      />,
    );

    const rows = screen.getAllByRole('row');
    expect(rows.map(row => row.textContent)).toEqual(['Stripe', 'paypal']);
    const cells = within(rows[0]).getAllByRole('cell');
    expect(cells).toHaveLength(4);

    const colours = new Set(
      ['100 %', 'Below 100 %', 'Below 95 %', 'No checks'].map(legendColour),
    );
    expect(colours.size).toBe(4);
    expect(cells.map(cell => cell.style.backgroundColor)).toEqual([
      legendColour('100 %'),
      legendColour('Below 100 %'),
      legendColour('Below 95 %'),
      legendColour('No checks'),
    ]);
  });

  it('tells the figures of a bucket on hover', async () => {
    await renderInTestApp(
      <HealthHeatmap
        history={historyOf({ stripe: [90, null] })}
        displayNames={new Map([['stripe', 'Stripe']])}
      />,
    );

    const [failing, empty] = within(screen.getByRole('row')).getAllByRole(
      'cell',
    );
    expect(failing).toHaveAttribute(
      'title',
      expect.stringMatching(
        /^Stripe · .+: 90\u00a0% uptime \(20 checks, 2 failed\)$/,
      ),
    );
    expect(empty).toHaveAttribute(
      'title',
      expect.stringMatching(/^Stripe · .+: no checks$/),
    );
  });
});
