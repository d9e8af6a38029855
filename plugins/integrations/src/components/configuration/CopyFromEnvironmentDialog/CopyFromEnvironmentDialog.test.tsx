import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationConfig } from '../../../__testUtils__/fixtures';
import { CopyFromEnvironmentDialog } from './CopyFromEnvironmentDialog';

describe('CopyFromEnvironmentDialog', () => {
  it('lists what would change and what is never copied before copying', async () => {
    const onConfirm = jest.fn();
    const development = integrationConfig({
      environment: 'development',
      connectionConfig: {
        ...integrationConfig().connectionConfig,
        baseUrl: 'http://localhost:4010/stripe',
      },
    });
    const staging = integrationConfig({
      environment: 'staging',
      enabled: false,
    });
    await renderInTestApp(
      <CopyFromEnvironmentDialog
        source={development}
        target={staging}
        busy={false}
        onConfirm={onConfirm}
        onCancel={jest.fn()}
      />,
    );

    const dialog = screen.getByRole('dialog', {
      name: 'Copy Development settings into Staging?',
    });
    const row = within(dialog)
      .getByText('connectionConfig.baseUrl')
      .closest('tr')!;
    expect(within(row).getByText('https://api.stripe.com')).toBeInTheDocument();
    expect(
      within(row).getByText('http://localhost:4010/stripe'),
    ).toBeInTheDocument();
    const notCopied = within(dialog).getByRole('list', { name: 'Not copied' });
    expect(notCopied).toHaveTextContent('Credentials');
    expect(notCopied).toHaveTextContent(
      'Whether it is enabled: it stays disabled in Staging',
    );
    expect(within(dialog).queryByText('enabled')).not.toBeInTheDocument();
    expect(notCopied).toHaveTextContent('History and metadata');

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Copy into Staging' }),
    );
    expect(onConfirm).toHaveBeenCalled();
  });
});
