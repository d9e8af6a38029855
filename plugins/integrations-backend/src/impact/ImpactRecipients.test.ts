import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { spiedCatalog, stripeCatalog } from '../__testUtils__/catalogEntities';
import { ImpactRecipients } from './ImpactRecipients';
import { ImpactService } from './ImpactService';

function recipientsOver(
  catalog: ReturnType<typeof catalogServiceMock.mock>,
  clock: { now: number },
) {
  return new ImpactRecipients({
    impact: new ImpactService({
      catalog,
      configs: { getConfigs: async () => [] },
      health: { getState: async () => undefined },
    }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    now: () => clock.now,
  });
}

describe('ImpactRecipients', () => {
  it('asks the catalog once a minute per integration, however many alerts ask', async () => {
    const catalog = spiedCatalog(stripeCatalog());
    const clock = { now: 0 };
    const recipients = recipientsOver(catalog, clock);

    const first = await recipients.noticeFor('stripe');
    expect(first.owners).toEqual([
      'group:default/payments-team',
      'group:default/web-team',
    ]);
    expect(first.affected.map(e => e.name)).toEqual([
      'checkout-service',
      'invoicing',
      'billing-portal',
      'payments',
    ]);
    clock.now = 59_000;
    await Promise.all([
      recipients.noticeFor('stripe'),
      recipients.noticeFor('stripe'),
    ]);
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);

    clock.now = 60_000;
    await recipients.noticeFor('stripe');
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('adds nobody while the catalog cannot be read, and does not ask again within the minute', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: async () => {
        throw new Error('catalog unavailable');
      },
    });
    const recipients = recipientsOver(catalog, { now: 0 });

    await expect(recipients.noticeFor('stripe')).resolves.toEqual({
      owners: [],
      affected: [],
    });
    await recipients.noticeFor('stripe');
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
  });
});
