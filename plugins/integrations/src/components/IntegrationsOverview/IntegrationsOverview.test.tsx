import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { integrationsApiRef } from '../../api';
import {
  fakeIntegrationsApi,
  integrationConfig,
  responseError,
} from '../../__testUtils__/fixtures';
import { IntegrationsOverview } from './IntegrationsOverview';

describe('IntegrationsOverview', () => {
  it('lists each integration once with its state per environment', async () => {
    const api = fakeIntegrationsApi({
      listConfigs: async () => {
        const items = [
          integrationConfig({
            name: 'stripe',
            displayName: 'Stripe',
            environment: 'development',
            metadata: { ...integrationConfig().metadata, version: 1 },
          }),
          integrationConfig({
            name: 'stripe',
            displayName: 'Stripe',
            environment: 'production',
            metadata: { ...integrationConfig().metadata, version: 1 },
          }),
          integrationConfig({
            name: 'twitter',
            displayName: 'Twitter / X',
            description: undefined,
            category: 'social_media',
            owner: 'group:default/growth-team',
            environment: 'production',
            enabled: false,
            metadata: { ...integrationConfig().metadata, version: 1 },
          }),
        ];
        return { items, totalCount: items.length };
      },
    });

    await renderInTestApp(<IntegrationsOverview />, {
      apis: [[integrationsApiRef, api]],
    });

    expect(await screen.findByText('Integrations (2)')).toBeInTheDocument();
    expect(screen.getByText('Stripe')).toBeInTheDocument();
    expect(screen.getByText('Twitter / X')).toBeInTheDocument();
    expect(screen.getByText('Social media')).toBeInTheDocument();
    expect(screen.getByText('growth-team')).toBeInTheDocument();
    expect(screen.getAllByText('enabled · v1')).toHaveLength(2);
    expect(screen.getByText('disabled · v1')).toBeInTheDocument();
    expect(screen.getAllByText('not configured')).toHaveLength(3);
  });

  it('says so when there are no integrations', async () => {
    const api = fakeIntegrationsApi({
      listConfigs: async () => ({ items: [], totalCount: 0 }),
    });

    await renderInTestApp(<IntegrationsOverview />, {
      apis: [[integrationsApiRef, api]],
    });

    expect(
      await screen.findByText('No integrations are configured yet.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend refuses', async () => {
    const api = fakeIntegrationsApi({
      listConfigs: async () => {
        throw await responseError(
          403,
          'NotAllowedError',
          'Missing permission integrations.integration.read',
        );
      },
    });

    await renderInTestApp(<IntegrationsOverview />, {
      apis: [[integrationsApiRef, api]],
    });

    expect(
      await screen.findByText(
        /Missing permission integrations.integration.read/,
      ),
    ).toBeInTheDocument();
  });
});
