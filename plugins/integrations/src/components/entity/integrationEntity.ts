import { Entity } from '@backstage/catalog-model';
import {
  INTEGRATION_ENTITY_TYPE,
  INTEGRATION_NAME_ANNOTATION,
} from '@internal/plugin-integrations-common';

/**
 * Whether a catalog entity stands for an integration: a Resource of type
 * `external-integration`, or any entity naming one in the
 * `integration-manager/integration` annotation. For `EntitySwitch` and the
 * entity card and content filters.
 *
 * @public
 */
export function isIntegrationEntity(entity: Entity): boolean {
  return (
    Boolean(entity.metadata.annotations?.[INTEGRATION_NAME_ANNOTATION]) ||
    (entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
      entity.spec?.type === INTEGRATION_ENTITY_TYPE)
  );
}

/**
 * Whether a catalog entity can depend on integrations: a Component or a
 * System, whose Integrations card lists them.
 *
 * @public
 */
export function isIntegrationConsumer(entity: Entity): boolean {
  return ['component', 'system'].includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );
}

/** The integration an integration entity stands for: its annotation, else its name. */
export function integrationNameOf(entity: Entity): string {
  return (
    entity.metadata.annotations?.[INTEGRATION_NAME_ANNOTATION] ??
    entity.metadata.name
  );
}
