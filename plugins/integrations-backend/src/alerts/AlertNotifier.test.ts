import { mockServices } from '@backstage/backend-test-utils';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { IntegrationConfig } from '@internal/plugin-integrations-common';
import { spiedCatalog, stripeCatalog } from '../__testUtils__/catalogEntities';
import { ImpactRecipients } from '../impact/ImpactRecipients';
import { ImpactService } from '../impact/ImpactService';
import { SafeHttpResponse } from '../network';
import { AlertNotifier } from './AlertNotifier';
import { Alert } from './AlertStore';

const stripeConfig = {
  name: 'stripe',
  displayName: 'Stripe',
  environment: 'production',
  owner: 'group:default/payments-team',
  monitoringConfig: {
    notificationChannels: ['group:default/payments-team', '#payments-oncall'],
  },
} as IntegrationConfig;

function alertOn(severity: Alert['severity'], id = `alert-${severity}`): Alert {
  return {
    id,
    integration: 'stripe',
    environment: 'production',
    type: severity === 'critical' ? 'health' : 'error_rate',
    severity,
    title: 'Stripe (production) is unhealthy',
    message: 'The health check failed 3 times in a row.',
    dedupeKey: `test:${id}`,
    episode: 1,
    status: 'open',
    createdAt: '2026-11-21T10:00:00.000Z',
    updatedAt: '2026-11-21T10:00:00.000Z',
    clearCount: 0,
    notified: false,
    notifyCount: 0,
    escalationLevel: 0,
  };
}

/** The notifier with its catalog lookup, recording what it sends. */
function notifierOver(
  catalog: Pick<CatalogService, 'getEntityByRef' | 'getEntitiesByRefs'>,
) {
  const sent: NotificationSendOptions[] = [];
  const logger = mockServices.logger.mock();
  const auth = mockServices.auth();
  const notifier = new AlertNotifier({
    notifications: {
      send: async notification => {
        sent.push(notification);
      },
    },
    http: { request: async () => ({ status: 204 } as SafeHttpResponse) },
    logger,
    impact: new ImpactRecipients({
      impact: new ImpactService({
        catalog,
        configs: { getConfigs: async () => [stripeConfig] },
        health: { getState: async () => undefined },
      }),
      auth,
      logger,
    }),
  });
  return { notifier, sent, logger };
}

describe('AlertNotifier, told what depends on the integration', () => {
  it('tells the owners of what depends on the integration of a critical alert, once each, in the same notification from raise to resolution', async () => {
    const catalog = spiedCatalog(stripeCatalog());
    const { notifier, sent } = notifierOver(catalog);
    const alert = alertOn('critical');

    await notifier.notify(alert, 'raised', stripeConfig);
    await notifier.notify(
      { ...alert, status: 'resolved', resolvedAt: '2026-11-21T10:30:00.000Z' },
      'resolved',
      stripeConfig,
    );

    expect(sent).toHaveLength(2);
    for (const notification of sent) {
      // payments-team owns Stripe, checkout-service and invoicing; web-team
      // owns billing-portal: each group once.
      expect(notification.recipients).toEqual({
        type: 'entity',
        entityRef: ['group:default/payments-team', 'group:default/web-team'],
      });
      expect(notification.payload.scope).toBe(
        'integrations-alert:alert-critical',
      );
      expect(notification.payload.topic).toBe('integration:stripe');
    }
    expect(sent[0].payload.description).toBe(
      'The health check failed 3 times in a row. checkout-service, invoicing and Payments (payments-team), billing-portal (web-team) are affected.',
    );
    expect(sent[1].payload.title).toBe(
      'Resolved: Stripe (production) is unhealthy',
    );
    // Read with the plugin's own credentials, and once for both sends.
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      'resource:default/stripe',
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      },
    );
  });

  it('tells only the owner of a warning, without asking the catalog', async () => {
    const catalog = catalogServiceMock.mock();
    const { notifier, sent } = notifierOver(catalog);

    await notifier.notify(alertOn('warning'), 'raised', stripeConfig);

    expect(sent.map(n => n.recipients)).toEqual([
      { type: 'entity', entityRef: ['group:default/payments-team'] },
    ]);
    expect(sent[0].payload.description).toBe(
      'The health check failed 3 times in a row.',
    );
    expect(catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('still tells the owner of a critical alert when the catalog cannot be read', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
      },
    });
    const { notifier, sent, logger } = notifierOver(catalog);

    await notifier.notify(alertOn('critical'), 'raised', stripeConfig);

    expect(sent.map(n => n.recipients)).toEqual([
      { type: 'entity', entityRef: ['group:default/payments-team'] },
    ]);
    expect(sent[0].payload.description).toBe(
      'The health check failed 3 times in a row.',
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not read what depends on stripe from the catalog; only its owner is notified',
      ),
    );
  });
});
