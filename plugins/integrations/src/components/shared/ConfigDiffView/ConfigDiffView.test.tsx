import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { ConfigDiffView } from './ConfigDiffView';

function rowOf(path: string) {
  return screen.getByText(path).closest('tr')!;
}

describe('ConfigDiffView', () => {
  it('shows each changed field by its label in the form, with its path, and its value before and after', async () => {
    await renderInTestApp(
      <ConfigDiffView
        changes={[
          {
            path: 'connectionConfig.timeout',
            kind: 'changed',
            before: 5000,
            after: 8000,
          },
          {
            path: 'monitoringConfig.enabledAlerts',
            kind: 'changed',
            before: ['uptime'],
            after: ['uptime', 'error_rate'],
          },
          { path: 'description', kind: 'added', after: 'Card payments' },
          {
            path: 'connectionConfig.apiVersion',
            kind: 'removed',
            before: '2024-06-20',
          },
        ]}
      />,
    );

    const cells = (path: string) =>
      within(rowOf(path))
        .getAllByRole('cell')
        .map(cell => cell.textContent);
    expect(cells('connectionConfig.timeout')).toEqual([
      'Timeout (ms)connectionConfig.timeout',
      '5000',
      '8000',
    ]);
    expect(cells('monitoringConfig.enabledAlerts')).toEqual([
      'AlertsmonitoringConfig.enabledAlerts',
      '["uptime"]',
      '["uptime","error_rate"]',
    ]);
    expect(cells('description')).toEqual([
      'Descriptiondescription',
      'not set',
      'Card payments',
    ]);
    expect(cells('connectionConfig.apiVersion')).toEqual([
      'API versionconnectionConfig.apiVersion',
      '2024-06-20',
      'not set',
    ]);
  });

  it('says when nothing differs', async () => {
    await renderInTestApp(
      <ConfigDiffView changes={[]} emptyMessage="Nothing would change." />,
    );

    expect(screen.getByText('Nothing would change.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
