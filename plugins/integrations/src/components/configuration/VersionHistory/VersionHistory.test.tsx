import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ConfigVersionSummary } from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
  integrationConfig,
} from '../../../__testUtils__/fixtures';
import { VersionHistory } from './VersionHistory';

function version(
  number: number,
  overrides: Partial<ConfigVersionSummary> = {},
): ConfigVersionSummary {
  return {
    name: 'stripe',
    environment: 'production',
    version: number,
    changeType: number === 1 ? 'create' : 'update',
    author: 'user:default/ada',
    createdAt: '2026-11-20T09:30:00.000Z',
    changedFields: number === 1 ? [] : ['connectionConfig.timeout'],
    ...overrides,
  };
}

function apiWithHistory() {
  return fakeIntegrationsApi({
    listVersions: async () => ({
      items: [
        version(1),
        version(2, { author: 'user:default/grace' }),
        version(3),
      ],
    }),
    diffVersions: async (name, environment, from, to) => ({
      name,
      environment,
      from,
      to,
      changes: [
        {
          path: 'connectionConfig.timeout',
          kind: 'changed',
          before: 5000,
          after: 8000,
        },
      ],
    }),
    rollback: async () =>
      integrationConfig({
        metadata: { ...integrationConfig().metadata, version: 4 },
      }),
  });
}

function rowOfVersion(label: string) {
  return within(screen.getByRole('table', { name: 'Versions' }))
    .getByText(label)
    .closest('tr')!;
}

describe('VersionHistory', () => {
  it('lists versions newest first with change type, author and changed fields', async () => {
    await renderInTestApp(
      <VersionHistory
        name="stripe"
        environment="production"
        currentVersion={3}
        onRolledBack={jest.fn()}
      />,
      {
        apis: [[integrationsApiRef, apiWithHistory()], allowEverything()],
      },
    );

    const table = await screen.findByRole('table', { name: 'Versions' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(row => within(row).getAllByRole('cell')[1].textContent),
    ).toEqual(['3 (current)', '2', '1']);
    expect(within(rowOfVersion('2')).getByText('grace')).toBeInTheDocument();
    expect(within(rowOfVersion('1')).getByText('Created')).toBeInTheDocument();
  });

  it('shows the diff between the two versions picked', async () => {
    const api = apiWithHistory();
    await renderInTestApp(
      <VersionHistory
        name="stripe"
        environment="production"
        currentVersion={3}
        onRolledBack={jest.fn()}
      />,
      { apis: [[integrationsApiRef, api], allowEverything()] },
    );

    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Compare version 3' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Compare version 1' }),
    );

    const diff = await screen.findByRole('table', {
      name: 'Differences between version 1 and version 3',
    });
    expect(api.diffVersions).toHaveBeenCalledWith('stripe', 'production', 1, 3);
    expect(within(diff).getByText('5000')).toBeInTheDocument();
    expect(within(diff).getByText('8000')).toBeInTheDocument();
  });

  it('rolls back to the chosen version after confirmation', async () => {
    const api = apiWithHistory();
    const onRolledBack = jest.fn();
    await renderInTestApp(
      <VersionHistory
        name="stripe"
        environment="production"
        currentVersion={3}
        onRolledBack={onRolledBack}
      />,
      { apis: [[integrationsApiRef, api], allowEverything()] },
    );

    await screen.findByRole('table', { name: 'Versions' });
    expect(
      within(rowOfVersion('3 (current)')).getByRole('button', {
        name: 'Roll back to this version',
      }),
    ).toBeDisabled();
    await userEvent.click(
      within(rowOfVersion('2')).getByRole('button', {
        name: 'Roll back to this version',
      }),
    );

    const confirm = await screen.findByRole('dialog', {
      name: 'Roll back to version 2?',
    });
    expect(confirm).toHaveTextContent('as a new version 4');
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Roll back' }),
    );

    await waitFor(() => expect(onRolledBack).toHaveBeenCalled());
    expect(api.rollback).toHaveBeenCalledWith('stripe', 'production', {
      version: 2,
    });
  });

  it('disables rolling back with the reason when the user may not change the configuration', async () => {
    await renderInTestApp(
      <VersionHistory
        name="stripe"
        environment="production"
        currentVersion={3}
        updateDeniedReason="You may not change production settings of integrations you do not administer"
        onRolledBack={jest.fn()}
      />,
      { apis: [[integrationsApiRef, apiWithHistory()], allowEverything()] },
    );

    await screen.findByRole('table', { name: 'Versions' });
    const button = within(rowOfVersion('1')).getByRole('button', {
      name: 'Roll back to this version',
    });
    expect(button).toBeDisabled();
    await userEvent.hover(button.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You may not change production settings of integrations you do not administer',
    );
  });
});
