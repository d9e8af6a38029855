// Apart from ConfigurationTable.test.tsx because usePermission keeps decisions
// in a module-wide cache: a file that allows a permission and then denies it
// would see the stale decision.
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { integrationCreatePermission } from '@internal/plugin-integrations-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { integrationsApiRef } from '../../../api';
import {
  fakeIntegrationsApi,
  integrationConfig,
  permissions,
} from '../../../__testUtils__/fixtures';
import { ConfigurationTable } from './ConfigurationTable';

describe('ConfigurationTable without permission to create integrations', () => {
  it('keeps "New integration" visible but disabled, with the reason', async () => {
    const api = fakeIntegrationsApi({
      listConfigs: async () => ({
        items: [integrationConfig()],
        totalCount: 1,
      }),
    });
    await renderInTestApp(<ConfigurationTable onOpen={jest.fn()} />, {
      apis: [
        [integrationsApiRef, api],
        permissions(
          permission => permission !== integrationCreatePermission.name,
        ),
      ],
    });

    await screen.findByText('Configurations (1)');
    const create = screen.getByRole('button', { name: 'New integration' });
    expect(create).toBeDisabled();
    await userEvent.hover(create.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'You may not create integrations',
    );
  });
});
