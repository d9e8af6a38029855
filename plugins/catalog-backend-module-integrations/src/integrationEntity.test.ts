import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  CatalogIntegration,
  INTEGRATION_CATEGORIES,
} from '@internal/plugin-integrations-common';
import { integrationEntity } from './integrationEntity';

const urls = {
  appBaseUrl: 'https://portal.acme.example/',
  integrationsApiUrl: 'https://portal.acme.example/api/integrations',
};

const stripeConnect: CatalogIntegration = {
  name: 'stripe-connect',
  provider: 'stripe-connect',
  category: 'payment',
  configurations: [
    {
      environment: 'development',
      displayName: 'Stripe Connect (sandbox)',
      owner: 'group:default/platform-team',
      dependencies: [],
    },
    {
      environment: 'production',
      displayName: 'Stripe Connect',
      description: 'Payouts to marketplace sellers.',
      owner: 'group:default/payments-team',
      dependencies: ['stripe'],
      system: 'web-shop',
    },
  ],
};

describe('integrationEntity', () => {
  it('describes the integration as its production configuration has it', () => {
    expect(integrationEntity(stripeConnect, urls)).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'stripe-connect',
        namespace: 'default',
        title: 'Stripe Connect',
        description: 'Payouts to marketplace sellers.',
        annotations: {
          'backstage.io/managed-by-location':
            'integrations:https://portal.acme.example/api/integrations/configs/stripe-connect',
          'backstage.io/managed-by-origin-location':
            'integrations:https://portal.acme.example/api/integrations/configs/stripe-connect',
          'integration-manager/integration': 'stripe-connect',
          'integration-manager/provider': 'stripe-connect',
        },
        tags: ['payment'],
        links: [
          {
            url: 'https://portal.acme.example/integrations/dashboard',
            title: 'Integrations dashboard',
            icon: 'dashboard',
          },
          {
            url: 'https://portal.acme.example/integrations/config?integration=stripe-connect&environment=production',
            title: 'Configuration (production)',
          },
        ],
      },
      spec: {
        type: 'external-integration',
        lifecycle: 'production',
        owner: 'group:default/payments-team',
        dependsOn: ['resource:default/stripe'],
        system: 'web-shop',
      },
    });
  });

  it('falls back to the first environment configured, and leaves out what is not set', () => {
    const entity = integrationEntity(
      {
        ...stripeConnect,
        category: 'social_media',
        configurations: [stripeConnect.configurations[0]],
      },
      urls,
    )!;

    expect(entity.metadata.title).toBe('Stripe Connect (sandbox)');
    expect(entity.metadata).not.toHaveProperty('description');
    expect(entity.metadata.tags).toEqual(['social-media']);
    expect(entity.metadata.links![1].url).toContain('environment=development');
    expect(entity.spec).toEqual({
      type: 'external-integration',
      lifecycle: 'production',
      owner: 'group:default/platform-team',
      dependsOn: [],
    });
  });

  it.each(INTEGRATION_CATEGORIES)(
    'gives a %s integration an entity the catalog accepts',
    async category => {
      const entity = integrationEntity({ ...stripeConnect, category }, urls)!;
      // The policies and the Resource validator the catalog applies.
      const policies = EntityPolicies.allOf([
        new DefaultNamespaceEntityPolicy(),
        new FieldFormatEntityPolicy(),
        new NoForeignRootFieldsEntityPolicy(),
        new SchemaValidEntityPolicy(),
      ]);

      await expect(policies.enforce(entity)).resolves.toBeDefined();
      await expect(resourceEntityV1alpha1Validator.check(entity)).resolves.toBe(
        true,
      );
    },
  );

  it('makes no entity of an integration without configurations', () => {
    expect(
      integrationEntity({ ...stripeConnect, configurations: [] }, urls),
    ).toBeUndefined();
  });
});
