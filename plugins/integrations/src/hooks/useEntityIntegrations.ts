import {
  Entity,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  INTEGRATIONS_USED_ANNOTATION,
  INTEGRATION_ENTITY_NAMESPACE,
  integrationEntityRef,
  integrationNameSchema,
} from '@internal/plugin-integrations-common';
import useAsync from 'react-use/esm/useAsync';
import {
  integrationNameOf,
  isIntegrationEntity,
} from '../components/entity/integrationEntity';

/** An integration a Component or System depends on, as the catalog knows it. */
export interface DependedOnIntegration {
  /** The integration's name in Integration Manager, e.g. `stripe`. */
  integration: string;
  /** Its Resource, e.g. `resource:default/stripe`. */
  entityRef: string;
  title?: string;
  /** False while the catalog has no Resource for it yet. */
  inCatalog: boolean;
  /** The entity's own parts that depend on it; empty when the entity does itself. */
  via: string[];
}

/** The Resources an entity depends on, and those its `integration-manager/uses` annotation names. */
function dependedOnResources(entity: Entity): string[] {
  const related = (entity.relations ?? [])
    .filter(
      relation =>
        relation.type === RELATION_DEPENDS_ON &&
        parseEntityRef(relation.targetRef).kind.toLocaleLowerCase('en-US') ===
          'resource',
    )
    .map(relation => relation.targetRef);
  const named = (
    entity.metadata.annotations?.[INTEGRATIONS_USED_ANNOTATION] ?? ''
  )
    .split(',')
    .map(name => name.trim())
    .filter(name => integrationNameSchema.safeParse(name).success)
    .map(integrationEntityRef);
  return [...new Set([...related, ...named])];
}

/**
 * The integrations a Component or System depends on: the Resources of type
 * `external-integration` it names in `spec.dependsOn` (or in the
 * `integration-manager/uses` annotation) and, for a System, those of its
 * Components. A Resource the catalog does not hold yet counts when
 * `isKnownIntegration` says Integration Manager has an integration of its
 * name, so the card works before the catalog module emits the Resources.
 */
export function useEntityIntegrations(
  entity: Entity,
  isKnownIntegration: (name: string) => boolean,
) {
  const catalogApi = useApi(catalogApiRef);

  const candidates = useAsync(async (): Promise<DependedOnIntegration[]> => {
    const via = new Map<string, Set<string>>();
    const direct = new Set<string>();
    const add = (resourceRef: string, part?: string) => {
      const parts = via.get(resourceRef) ?? new Set<string>();
      if (part) {
        parts.add(part);
      } else {
        direct.add(resourceRef);
      }
      via.set(resourceRef, parts);
    };
    dependedOnResources(entity).forEach(ref => add(ref));
    if (entity.kind.toLocaleLowerCase('en-US') === 'system') {
      const partRefs = (entity.relations ?? [])
        .filter(relation => relation.type === RELATION_HAS_PART)
        .map(relation => relation.targetRef);
      if (partRefs.length > 0) {
        const { items } = await catalogApi.getEntitiesByRefs({
          entityRefs: partRefs,
          fields: ['kind', 'metadata', 'relations'],
        });
        for (const part of items) {
          if (part) {
            const partRef = stringifyEntityRef(part);
            dependedOnResources(part).forEach(ref => add(ref, partRef));
          }
        }
      }
    }
    const resourceRefs = [...via.keys()];
    if (resourceRefs.length === 0) {
      return [];
    }
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: resourceRefs,
      fields: ['kind', 'metadata', 'spec.type'],
    });
    return resourceRefs.flatMap((ref, index): DependedOnIntegration[] => {
      const resource = items[index];
      const parts = direct.has(ref) ? [] : [...via.get(ref)!].sort();
      if (resource) {
        return isIntegrationEntity(resource)
          ? [
              {
                integration: integrationNameOf(resource),
                entityRef: ref,
                title: resource.metadata.title,
                inCatalog: true,
                via: parts,
              },
            ]
          : [];
      }
      const { namespace, name } = parseEntityRef(ref);
      return namespace === INTEGRATION_ENTITY_NAMESPACE
        ? [{ integration: name, entityRef: ref, inCatalog: false, via: parts }]
        : [];
    });
  }, [catalogApi, entity]);

  return {
    ...candidates,
    value: candidates.value?.filter(
      candidate =>
        candidate.inCatalog || isKnownIntegration(candidate.integration),
    ),
  };
}
