import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfigPreviewDialog } from './ConfigPreviewDialog';

describe('ConfigPreviewDialog', () => {
  it('shows what saving would change and saves with the notes', async () => {
    const onSave = jest.fn();
    await renderInTestApp(
      <ConfigPreviewDialog
        open
        subject="Stripe in Production"
        version={3}
        changes={[
          {
            path: 'monitoringConfig.healthCheckInterval',
            kind: 'changed',
            before: 60,
            after: 120,
          },
        ]}
        saving={false}
        onSave={onSave}
        onCancel={jest.fn()}
      />,
    );

    const dialog = screen.getByRole('dialog', {
      name: 'Preview changes to Stripe in Production',
    });
    expect(dialog).toHaveTextContent('Saving creates version 4');
    const row = within(dialog)
      .getByText('monitoringConfig.healthCheckInterval')
      .closest('tr')!;
    expect(within(row).getByText('60')).toBeInTheDocument();
    expect(within(row).getByText('120')).toBeInTheDocument();

    await userEvent.type(
      within(dialog).getByLabelText('Notes (why this change)'),
      'Fewer probes',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(onSave).toHaveBeenCalledWith('Fewer probes');
  });

  it('does not offer to save when nothing would change', async () => {
    await renderInTestApp(
      <ConfigPreviewDialog
        open
        subject="Stripe in Production"
        version={3}
        changes={[]}
        saving={false}
        onSave={jest.fn()}
        onCancel={jest.fn()}
      />,
    );

    expect(
      screen.getByText('Saving would change nothing.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });
});
