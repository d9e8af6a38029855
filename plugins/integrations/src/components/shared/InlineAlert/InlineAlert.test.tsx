import { renderInTestApp } from '@backstage/frontend-test-utils';
import Button from '@material-ui/core/Button';
import { screen } from '@testing-library/react';
import { InlineAlert } from './InlineAlert';

describe('InlineAlert', () => {
  it('shows an error with its explanation and action at once', async () => {
    await renderInTestApp(
      <InlineAlert
        severity="error"
        title="Someone saved version 4 first"
        action={<Button>Reload</Button>}
      >
        Your changes are based on version 3.
      </InlineAlert>,
    );

    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Someone saved version 4 first');
    expect(alert).toHaveTextContent('Your changes are based on version 3.');
    expect(screen.getByRole('button', { name: 'Reload' })).toBeVisible();
  });

  it('announces other messages politely', async () => {
    await renderInTestApp(
      <InlineAlert severity="success" title="Saved version 4" />,
    );

    expect(screen.getByRole('status')).toHaveTextContent('Saved version 4');
  });
});
