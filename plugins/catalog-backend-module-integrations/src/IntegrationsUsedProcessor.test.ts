import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { IntegrationsUsedProcessor } from './IntegrationsUsedProcessor';

const location = {
  type: 'url',
  target: 'https://git.acme.example/catalog-info.yaml',
};

function entity(kind: string, uses?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name: 'checkout-service',
      namespace: 'default',
      ...(uses !== undefined
        ? { annotations: { 'integration-manager/uses': uses } }
        : {}),
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
  };
}

async function process(input: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  const output = await new IntegrationsUsedProcessor().postProcessEntity(
    input,
    location,
    result => emitted.push(result),
  );
  return { output, emitted };
}

describe('IntegrationsUsedProcessor', () => {
  it('makes a Component depend on each integration it names, once', async () => {
    const component = entity('Component', ' stripe,paypal , stripe,');

    const { output, emitted } = await process(component);

    expect(output).toBe(component);
    const self = {
      kind: 'Component',
      namespace: 'default',
      name: 'checkout-service',
    };
    const resource = (name: string) => ({
      kind: 'resource',
      namespace: 'default',
      name,
    });
    expect(emitted).toEqual([
      {
        type: 'relation',
        relation: {
          source: self,
          type: 'dependsOn',
          target: resource('stripe'),
        },
      },
      {
        type: 'relation',
        relation: {
          source: resource('stripe'),
          type: 'dependencyOf',
          target: self,
        },
      },
      {
        type: 'relation',
        relation: {
          source: self,
          type: 'dependsOn',
          target: resource('paypal'),
        },
      },
      {
        type: 'relation',
        relation: {
          source: resource('paypal'),
          type: 'dependencyOf',
          target: self,
        },
      },
    ]);
  });

  it('reads the annotation on Systems too', async () => {
    const { emitted } = await process(entity('System', 'brevo'));

    expect(emitted.map(r => r.type)).toEqual(['relation', 'relation']);
  });

  it('reports a name that is no integration name, and keeps the valid ones', async () => {
    const { emitted } = await process(entity('Component', 'Stripe, brevo'));

    expect(emitted).toHaveLength(3);
    expect(emitted[0]).toEqual({
      type: 'error',
      location,
      error: expect.objectContaining({
        name: 'InputError',
        message: expect.stringContaining(
          'Component checkout-service names "Stripe" in its integration-manager/uses annotation',
        ),
      }),
    });
    expect(emitted.slice(1).map(r => r.type)).toEqual(['relation', 'relation']);
  });

  it('leaves other kinds and entities without the annotation alone', async () => {
    expect((await process(entity('API', 'stripe'))).emitted).toEqual([]);
    expect((await process(entity('Component'))).emitted).toEqual([]);
  });
});
