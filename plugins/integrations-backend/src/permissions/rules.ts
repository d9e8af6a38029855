import {
  Environment,
  environmentSchema,
  IntegrationConfig,
  RESOURCE_TYPE_INTEGRATION,
} from '@internal/plugin-integrations-common';
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';

/** A condition a permission policy puts on which configurations one may see. */
export interface ConfigPropertyFilter {
  property: 'owner' | 'environment';
  values: string[];
}

/** One integration's configuration in one environment, as a permission resource. */
export const integrationPermissionResourceRef = createPermissionResourceRef<
  IntegrationConfig,
  ConfigPropertyFilter
>().with({ pluginId: 'integrations', resourceType: RESOURCE_TYPE_INTEGRATION });

/** Allows configurations owned by one of the given refs (usually the user's ownership claims). */
export const isIntegrationOwner = createPermissionRule({
  name: 'IS_INTEGRATION_OWNER',
  description: 'Allow configurations owned by one of the given entity refs',
  resourceRef: integrationPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs, e.g. the ownership claims of the user'),
  }),
  apply: (config, { claims }) => claims.includes(config.owner),
  toQuery: ({ claims }) => ({ property: 'owner', values: claims }),
});

/** Allows configurations of the given environments. */
export const isInEnvironment = createPermissionRule({
  name: 'IS_IN_ENVIRONMENT',
  description: 'Allow configurations of the given environments',
  resourceRef: integrationPermissionResourceRef,
  paramsSchema: z.object({
    environments: z.array(environmentSchema).describe('Environments'),
  }),
  apply: (config, { environments }) =>
    environments.includes(config.environment),
  toQuery: ({ environments }) => ({
    property: 'environment',
    values: environments,
  }),
});

export const integrationPermissionRules = [isIntegrationOwner, isInEnvironment];

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: integrationPermissionResourceRef,
  rules: { isIntegrationOwner, isInEnvironment },
});

/**
 * Conditions for permission policies: `integrationConditions.isIntegrationOwner({ claims })`,
 * `integrationConditions.isInEnvironment({ environments })`.
 *
 * @public
 */
export const integrationConditions = conditions;

/** @public */
export const createIntegrationConditionalDecision = createConditionalDecision;

/** Resource refs name one configuration: `<name>:<environment>`. */
export function integrationResourceRef(
  name: string,
  environment: Environment,
): string {
  return `${name}:${environment}`;
}

export function parseIntegrationResourceRef(
  ref: string,
): { name: string; environment: Environment } | undefined {
  const separator = ref.lastIndexOf(':');
  const environment = environmentSchema.safeParse(ref.slice(separator + 1));
  if (separator <= 0 || !environment.success) {
    return undefined;
  }
  return { name: ref.slice(0, separator), environment: environment.data };
}
