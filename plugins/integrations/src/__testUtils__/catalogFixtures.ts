import { Entity } from '@backstage/catalog-model';
import {
  INTEGRATION_ENTITY_TYPE,
  INTEGRATION_NAME_ANNOTATION,
} from '@internal/plugin-integrations-common';

/** The Resource the catalog module emits for an integration. */
export function integrationResource(
  name: string,
  overrides: { title?: string; annotation?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      ...(overrides.title ? { title: overrides.title } : {}),
      annotations: {
        [INTEGRATION_NAME_ANNOTATION]: overrides.annotation ?? name,
      },
    },
    spec: {
      type: INTEGRATION_ENTITY_TYPE,
      owner: 'group:default/payments-team',
    },
  };
}

/** A Component or System that depends on the given entity refs. */
export function consumer(
  kind: 'Component' | 'System',
  name: string,
  options: { dependsOn?: string[]; hasPart?: string[] } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: {
      owner: 'group:default/payments-team',
      ...(kind === 'Component'
        ? { type: 'service', lifecycle: 'production' }
        : {}),
      dependsOn: options.dependsOn ?? [],
    },
    relations: [
      ...(options.dependsOn ?? []).map(targetRef => ({
        type: 'dependsOn',
        targetRef,
      })),
      ...(options.hasPart ?? []).map(targetRef => ({
        type: 'hasPart',
        targetRef,
      })),
    ],
  };
}

/** A Resource that is not an integration, e.g. a database. */
export const ordersDatabase: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'orders-db', namespace: 'default' },
  spec: { type: 'database', owner: 'group:default/payments-team' },
};
