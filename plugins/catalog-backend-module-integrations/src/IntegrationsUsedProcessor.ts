import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  INTEGRATIONS_USED_ANNOTATION,
  integrationEntityRef,
  integrationNameSchema,
} from '@internal/plugin-integrations-common';

/** The kinds that call integrations: the same as may depend on a Resource. */
const USING_KINDS = ['Component', 'System'];

/**
 * Turns the uses annotation of a Component or System
 * (`integration-manager/uses: stripe, brevo`) into the same dependsOn and
 * dependencyOf relations that `spec.dependsOn: [resource:default/stripe]`
 * gives, for teams that would rather name integrations than write refs.
 */
export class IntegrationsUsedProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'IntegrationsUsedProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const used = entity.metadata.annotations?.[INTEGRATIONS_USED_ANNOTATION];
    if (used === undefined || !USING_KINDS.includes(entity.kind)) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    const names = new Set(
      used
        .split(',')
        .map(name => name.trim())
        .filter(Boolean),
    );
    for (const name of names) {
      if (!integrationNameSchema.safeParse(name).success) {
        emit(
          processingResult.inputError(
            location,
            `${entity.kind} ${self.name} names "${name}" in its ${INTEGRATIONS_USED_ANNOTATION} annotation, which is no integration name: use lowercase letters, digits and single dashes, comma separated, e.g. "stripe, brevo"`,
          ),
        );
        continue;
      }
      const integration = parseEntityRef(integrationEntityRef(name));
      emit(
        processingResult.relation({
          source: self,
          type: RELATION_DEPENDS_ON,
          target: integration,
        }),
      );
      emit(
        processingResult.relation({
          source: integration,
          type: RELATION_DEPENDENCY_OF,
          target: self,
        }),
      );
    }
    return entity;
  }
}
