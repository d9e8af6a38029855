import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { IntegrationConfig } from '@internal/plugin-integrations-common';
import {
  catalogEntity,
  spiedCatalog,
  stripeCatalog,
} from '../__testUtils__/catalogEntities';
import { ImpactRecipients } from '../impact/ImpactRecipients';
import { ImpactService } from '../impact/ImpactService';
import { IncidentNotifier } from './IncidentNotifier';
import { StoredIncident } from './IncidentStore';

const configs: Record<string, Partial<IntegrationConfig>> = {
  stripe: {
    owner: 'group:default/payments-team',
    monitoringConfig: {
      notificationChannels: ['user:default/oncall-lead', '#payments'],
    } as IntegrationConfig['monitoringConfig'],
  },
  paypal: {
    owner: 'group:default/checkout-team',
    monitoringConfig: {
      notificationChannels: [],
    } as unknown as IntegrationConfig['monitoringConfig'],
  },
};

function incident(
  members: string[],
  overrides: Partial<StoredIncident> = {},
): StoredIncident {
  return {
    id: '5f0c6b5e-7d0f-4a53-9d43-3d1c2a4b6e01',
    environment: 'production',
    status: 'open',
    causeKey: 'provider:stripe',
    cause: {
      kind: 'provider',
      provider: 'stripe',
      description: 'provider Stripe failing',
    },
    startedAt: '2026-12-07T11:00:00.000Z',
    updatedAt: '2026-12-07T11:00:00.000Z',
    members: members.map((integration, index) => ({
      groupId: `group-${index}`,
      integration,
      startedAt: '2026-12-07T11:00:00.000Z',
      joinedAt: '2026-12-07T11:00:00.000Z',
    })),
    ...overrides,
  };
}

function notifierOver(catalog: ReturnType<typeof catalogServiceMock.mock>) {
  const sent: NotificationSendOptions[] = [];
  const logger = mockServices.logger.mock();
  const configStore = {
    getConfigs: async (name: string) =>
      configs[name] ? [configs[name] as IntegrationConfig] : [],
  };
  const notifier = new IncidentNotifier({
    notifications: {
      send: async notification => {
        sent.push(notification);
      },
    },
    configs: configStore,
    impact: new ImpactRecipients({
      impact: new ImpactService({
        catalog,
        configs: configStore,
        health: { getState: async () => undefined },
      }),
      auth: mockServices.auth(),
      logger,
    }),
    logger,
  });
  return { notifier, sent };
}

describe('IncidentNotifier', () => {
  it('tells the owners of the incident’s integrations and of what depends on them, in one notification updated until it resolves', async () => {
    const { notifier, sent } = notifierOver(
      spiedCatalog([
        ...stripeCatalog(),
        catalogEntity('resource:default/paypal', {
          relations: [['dependencyOf', 'component:default/web-shop']],
        }),
        catalogEntity('component:default/web-shop', {
          owner: 'group:default/web-team',
          title: 'Web shop',
        }),
      ]),
    );
    const opened = incident(['stripe']);
    await notifier.notify(opened, 'opened');
    await notifier.notify(incident(['stripe', 'paypal']), 'changed');
    await notifier.notify(
      incident(['stripe', 'paypal'], { status: 'resolved' }),
      'resolved',
    );

    expect(sent.map(n => n.recipients)).toEqual([
      {
        type: 'entity',
        entityRef: [
          'group:default/payments-team',
          'user:default/oncall-lead',
          'group:default/web-team',
        ],
      },
      {
        type: 'entity',
        entityRef: [
          'group:default/payments-team',
          'user:default/oncall-lead',
          'group:default/checkout-team',
          'group:default/web-team',
        ],
      },
      expect.anything(),
    ]);
    expect(sent[2].recipients).toEqual(sent[1].recipients);
    expect(sent.map(n => n.payload.scope)).toEqual(
      Array(3).fill(`integrations-incident:${opened.id}`),
    );
    expect(sent.map(n => n.payload.topic)).toEqual(
      Array(3).fill('integration:stripe'),
    );
    expect(sent[0].payload).toMatchObject({
      title: 'Stripe failing on stripe',
      description:
        'Likely cause: provider Stripe failing. checkout-service, invoicing and Payments (payments-team), billing-portal (web-team) are affected.',
      link: `/integrations/errors/incidents/${opened.id}`,
      severity: 'high',
    });
    expect(sent[1].payload.description).toBe(
      'Likely cause: provider Stripe failing. checkout-service, invoicing and Payments (payments-team), billing-portal and Web shop (web-team) are affected.',
    );
    expect(sent[2].payload).toMatchObject({
      title: 'Resolved: Stripe failing on paypal, stripe',
      severity: 'normal',
    });
  });

  it('tells the owners alone when the catalog cannot be read', async () => {
    const { notifier, sent } = notifierOver(
      catalogServiceMock.mock({
        getEntityByRef: async () => {
          throw new Error('catalog unavailable');
        },
      }),
    );
    await notifier.notify(incident(['paypal']), 'opened');

    expect(sent.map(n => n.recipients)).toEqual([
      { type: 'entity', entityRef: ['group:default/checkout-team'] },
    ]);
    expect(sent[0].payload.description).toBe(
      'Likely cause: provider Stripe failing.',
    );
  });
});
