import { renderInTestApp } from '@backstage/frontend-test-utils';
import { AuditLogEntry } from '@internal/plugin-integrations-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IntegrationsApi, integrationsApiRef } from '../../../api';
import {
  allowEverything,
  fakeIntegrationsApi,
  integrationConfig,
} from '../../../__testUtils__/fixtures';
import { AuditLogView } from './AuditLogView';

jest.setTimeout(20_000);

const entries: AuditLogEntry[] = [
  {
    eventId: 'evt-1',
    timestamp: '2026-11-21T10:00:00.000Z',
    userId: 'user:default/grace',
    integration: 'stripe',
    environment: 'production',
    action: 'update',
    category: 'configuration',
    details: {
      changedFields: ['connectionConfig.timeout'],
      before: { connectionConfig: { timeout: 5000 } },
      after: { connectionConfig: { timeout: 8000 } },
    },
    context: { time: '2026-11-21T10:00:00.000Z', ip: '10.0.0.7' },
    outcome: 'success',
  },
  {
    eventId: 'evt-2',
    timestamp: '2026-11-21T11:00:00.000Z',
    userId: 'user:default/ada',
    integration: 'brevo',
    action: 'delete',
    category: 'configuration',
    details: { changedFields: [] },
    context: { time: '2026-11-21T11:00:00.000Z' },
    outcome: 'failure',
    error: 'Not allowed',
  },
];

function api(overrides: Partial<IntegrationsApi> = {}) {
  return fakeIntegrationsApi({
    listAudit: async () => ({ items: entries, totalCount: entries.length }),
    ...overrides,
  });
}

describe('AuditLogView', () => {
  it('offers the known integrations and users as filter values', async () => {
    const fake = api({
      listConfigs: async () => ({
        items: [
          integrationConfig({ name: 'stripe' }),
          integrationConfig({ name: 'stripe', environment: 'staging' }),
          integrationConfig({ name: 'brevo' }),
        ],
        totalCount: 3,
      }),
    });
    await renderInTestApp(<AuditLogView />, {
      apis: [[integrationsApiRef, fake], allowEverything()],
    });
    await screen.findByText('Audit log (2)');

    await userEvent.click(screen.getByLabelText('Integration'));
    const integrations = await screen.findByRole('listbox');
    expect(
      within(integrations)
        .getAllByRole('option')
        .map(option => option.textContent),
    ).toEqual(['brevo', 'stripe']);
    await userEvent.click(
      within(integrations).getByRole('option', { name: 'stripe' }),
    );
    await waitFor(() =>
      expect(fake.listAudit).toHaveBeenLastCalledWith(
        expect.objectContaining({ integration: 'stripe' }),
      ),
    );

    await userEvent.click(screen.getByLabelText('User'));
    expect(
      within(await screen.findByRole('listbox'))
        .getAllByRole('option')
        .map(option => option.textContent),
    ).toEqual(['user:default/ada', 'user:default/grace']);
  });

  it('lists who did what to which integration, and the outcome', async () => {
    await renderInTestApp(<AuditLogView />, {
      apis: [[integrationsApiRef, api()], allowEverything()],
    });

    expect(await screen.findByText('Audit log (2)')).toBeInTheDocument();
    const update = screen.getByText('stripe').closest('tr')!;
    expect(within(update).getByText('grace')).toBeInTheDocument();
    expect(within(update).getByText('Production')).toBeInTheDocument();
    expect(within(update).getByText('Update')).toBeInTheDocument();
    expect(
      within(update).getByText('connectionConfig.timeout'),
    ).toBeInTheDocument();
    expect(within(update).getByText('Success')).toBeInTheDocument();
    const failed = screen.getByText('brevo').closest('tr')!;
    expect(within(failed).getByText('Failure')).toBeInTheDocument();
  });

  it('asks the backend for the entries matching the filters', async () => {
    const fake = api();
    await renderInTestApp(<AuditLogView />, {
      apis: [[integrationsApiRef, fake], allowEverything()],
    });
    await screen.findByText('Audit log (2)');

    await userEvent.type(screen.getByLabelText('Integration'), 'stripe');
    await userEvent.click(screen.getByLabelText('Action'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Rollback',
      }),
    );

    await waitFor(() =>
      expect(fake.listAudit).toHaveBeenLastCalledWith({
        integration: 'stripe',
        action: 'rollback',
        limit: 500,
      }),
    );
  });

  it('leaves the credential uses of every check out until asked for', async () => {
    const fake = api();
    await renderInTestApp(<AuditLogView />, {
      apis: [[integrationsApiRef, fake], allowEverything()],
    });
    await screen.findByText('Audit log (2)');
    expect(fake.listAudit).toHaveBeenLastCalledWith({
      excludeAction: 'credentials_use',
      limit: 500,
    });

    await userEvent.click(screen.getByLabelText('Show credential uses'));

    await waitFor(() =>
      expect(fake.listAudit).toHaveBeenLastCalledWith({ limit: 500 }),
    );
  });

  it('downloads the filtered log as a CSV file', async () => {
    const fake = api({
      exportAuditCsv: async () => 'eventId,userId\nevt-1,user:default/grace\n',
    });
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:audit');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function assertDownloadLink(this: HTMLAnchorElement) {
        expect(this.href).toBe('blob:audit');
        expect(this.download).toMatch(/^integrations-audit-.*\.csv$/);
      });

    await renderInTestApp(<AuditLogView />, {
      apis: [[integrationsApiRef, fake], allowEverything()],
    });
    await screen.findByText('Audit log (2)');
    await userEvent.click(screen.getByLabelText('Category'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByRole('option', {
        name: 'Credentials',
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(fake.exportAuditCsv).toHaveBeenCalledWith({
      category: 'credentials',
      excludeAction: 'credentials_use',
    });
    const blob = createObjectURL.mock.calls[0][0];
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(await blob.text()).toBe(
      'eventId,userId\nevt-1,user:default/grace\n',
    );
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:audit');
    click.mockRestore();
  });

  it("shows how many uses a task's hourly credential-use row stands for", async () => {
    const counted: AuditLogEntry = {
      eventId: 'evt-3',
      timestamp: '2026-11-21T12:00:05.000Z',
      userId: 'task:integrations-health-check',
      integration: 'stripe',
      environment: 'production',
      action: 'credentials_use',
      category: 'credentials',
      details: {
        changedFields: [],
        fields: ['secretKey'],
        purpose: 'health check',
      },
      context: { time: '2026-11-21T12:00:05.000Z' },
      outcome: 'success',
      count: 60,
    };
    await renderInTestApp(<AuditLogView />, {
      apis: [
        [
          integrationsApiRef,
          api({
            listAudit: async () => ({ items: [counted], totalCount: 1 }),
          }),
        ],
        allowEverything(),
      ],
    });

    await waitFor(() =>
      expect(
        screen.getByText('Credentials used × 60 this hour'),
      ).toBeInTheDocument(),
    );
  });
});
