import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActionButton } from './ActionButton';

describe('ActionButton', () => {
  it('works like a button when nothing stands in the way', async () => {
    const onClick = jest.fn();
    await renderInTestApp(<ActionButton onClick={onClick}>Save</ActionButton>);

    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(onClick).toHaveBeenCalled();
  });

  it('stays visible but disabled, and says why on hover', async () => {
    const onClick = jest.fn();
    await renderInTestApp(
      <ActionButton
        onClick={onClick}
        disabledReason="You may not delete stripe"
      >
        Delete
      </ActionButton>,
    );

    const button = screen.getByRole('button', { name: 'Delete' });
    expect(button).toBeDisabled();
    await userEvent.hover(button.parentElement!);

    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You may not delete stripe',
    );
    expect(onClick).not.toHaveBeenCalled();
  });
});
