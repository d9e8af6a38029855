import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { IntegrationConfig } from '@internal/plugin-integrations-common';
import { screen } from '@testing-library/react';
import { IntegrationsApi, integrationsApiRef } from '../../api';
import { IntegrationsContent } from './IntegrationsPage';

function config(
  overrides: Partial<IntegrationConfig> &
    Pick<IntegrationConfig, 'name' | 'environment'>,
): IntegrationConfig {
  return {
    displayName: overrides.name,
    provider: overrides.name,
    category: 'payment',
    enabled: true,
    owner: 'group:default/payments-team',
    connectionConfig: {
      baseUrl: 'https://api.example.com',
      timeout: 5000,
      retryAttempts: 3,
      rateLimitBuffer: 0.2,
    },
    authConfig: { type: 'api_key' },
    metadata: {
      version: 1,
      createdAt: '2026-11-20T09:30:00.000Z',
      createdBy: 'user:default/ada',
      lastUpdated: '2026-11-20T09:30:00.000Z',
      updatedBy: 'user:default/ada',
    },
    ...overrides,
  };
}

function apiReturning(items: IntegrationConfig[]): IntegrationsApi {
  return {
    listConfigs: jest.fn(async () => ({ items, totalCount: items.length })),
  };
}

describe('IntegrationsContent', () => {
  it('lists each integration once with its state per environment', async () => {
    const api = apiReturning([
      config({
        name: 'stripe',
        displayName: 'Stripe',
        environment: 'development',
      }),
      config({
        name: 'stripe',
        displayName: 'Stripe',
        environment: 'production',
      }),
      config({
        name: 'twitter',
        displayName: 'Twitter / X',
        category: 'social_media',
        owner: 'group:default/growth-team',
        environment: 'production',
        enabled: false,
      }),
    ]);

    await renderInTestApp(<IntegrationsContent />, {
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
    await renderInTestApp(<IntegrationsContent />, {
      apis: [[integrationsApiRef, apiReturning([])]],
    });

    expect(
      await screen.findByText('No integrations are configured yet.'),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend refuses', async () => {
    const api: IntegrationsApi = {
      listConfigs: jest.fn(async () => {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: {
                name: 'NotAllowedError',
                message: 'Missing permission integrations.integration.read',
              },
              response: { statusCode: 403 },
            }),
            { status: 403, headers: { 'Content-Type': 'application/json' } },
          ),
        );
      }),
    };

    await renderInTestApp(<IntegrationsContent />, {
      apis: [[integrationsApiRef, api]],
    });

    expect(
      await screen.findByText(
        /Missing permission integrations.integration.read/,
      ),
    ).toBeInTheDocument();
  });
});
