import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { templateOf } from '../../../__testUtils__/fixtures';
import { ProviderSettingsForm } from './ProviderSettingsForm';

describe('ProviderSettingsForm', () => {
  it('generates the fields from the template schema and reports edits', async () => {
    const onChange = jest.fn();
    function Harness() {
      const [value, setValue] = useState<Record<string, unknown>>({
        accountCountry: 'US',
        defaultCurrency: 'usd',
        webhookToleranceSeconds: 300,
      });
      return (
        <ProviderSettingsForm
          schema={templateOf('stripe').settingsSchema}
          value={value}
          onChange={next => {
            setValue(next);
            onChange(next);
          }}
          issues={[]}
        />
      );
    }
    await renderInTestApp(<Harness />);

    expect(screen.getByLabelText(/^Account country/)).toHaveValue('US');
    expect(screen.getByLabelText(/^Webhook tolerance \(seconds\)/)).toHaveValue(
      300,
    );
    await userEvent.type(
      screen.getByLabelText(/^Statement descriptor/),
      'ACME',
    );

    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ statementDescriptor: 'ACME' }),
    );
  });

  it('shows each problem under its field', async () => {
    await renderInTestApp(
      <ProviderSettingsForm
        schema={templateOf('stripe').settingsSchema}
        value={{ accountCountry: 'us', defaultCurrency: 'usd' }}
        onChange={jest.fn()}
        issues={[
          {
            path: 'accountCountry',
            message:
              'Account country must be a two-letter ISO 3166 code in capitals, such as US',
          },
        ]}
      />,
    );

    expect(
      screen.getByText(
        'Account country must be a two-letter ISO 3166 code in capitals, such as US',
      ),
    ).toBeInTheDocument();
  });
});
