import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfirmationDialog } from './ConfirmationDialog';

describe('ConfirmationDialog', () => {
  it('asks, then confirms or cancels', async () => {
    const onConfirm = jest.fn();
    const onCancel = jest.fn();
    await renderInTestApp(
      <ConfirmationDialog
        open
        title="Delete stripe?"
        confirmLabel="Delete"
        onConfirm={onConfirm}
        onCancel={onCancel}
      >
        Its history is kept.
      </ConfirmationDialog>,
    );

    const dialog = screen.getByRole('dialog', { name: 'Delete stripe?' });
    expect(dialog).toHaveTextContent('Its history is kept.');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );

    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('shows why the last attempt failed and blocks a second one while busy', async () => {
    await renderInTestApp(
      <ConfirmationDialog
        open
        busy
        title="Roll back to version 2?"
        confirmLabel="Roll back"
        error={new Error('Version 2 does not exist')}
        onConfirm={jest.fn()}
        onCancel={jest.fn()}
      >
        A new version is created.
      </ConfirmationDialog>,
    );

    expect(screen.getByRole('alert')).toHaveTextContent(
      'Version 2 does not exist',
    );
    expect(screen.getByRole('button', { name: 'Roll back' })).toBeDisabled();
  });
});
