import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  errorReadPermission,
  errorResolvePermission,
  integrationReadPermission,
  integrationTestRunPermission,
} from '@internal/plugin-integrations-common';
import { demoIntegrations } from '../demo/demoIntegrations';

/** The example org's people, as the portal's development sign-in has them. */
export const PERSONAS = {
  admin: 'user:default/ada.admin',
  member: 'user:default/max.member',
  viewer: 'user:default/vera.viewer',
  /** Signed in for the first time: in no group yet. */
  newcomer: 'user:default/nico.newcomer',
} as const;

export type Persona = keyof typeof PERSONAS;

const GROUPS: Record<string, string[]> = {
  [PERSONAS.admin]: ['group:default/integration-admins'],
  [PERSONAS.member]: ['group:default/payments-team'],
  [PERSONAS.viewer]: ['group:default/support'],
  [PERSONAS.newcomer]: [],
};

/** The `Authorization` header of a persona's token. */
export function as(persona: Persona): string {
  return mockCredentials.user.header(PERSONAS[persona]);
}

/** Everyone signed in may read integrations and their errors. */
const READ_BY_EVERYONE = [
  integrationReadPermission.name,
  errorReadPermission.name,
];

/** The owning team may test its integrations and triage their errors. */
const OWNERS_MAY = [
  integrationTestRunPermission.name,
  errorResolvePermission.name,
];

function ownerOf(resourceRef: string | undefined): string | undefined {
  const name = resourceRef?.split(':')[0];
  return demoIntegrations.find(integration => integration.name === name)?.owner;
}

function decide(
  credentials: unknown,
  permission: string,
  resourceRef?: string,
): AuthorizeResult.ALLOW | AuthorizeResult.DENY {
  const principal = (credentials as { principal: { userEntityRef?: string } })
    .principal;
  const groups = GROUPS[principal.userEntityRef ?? ''] ?? [];
  const allowed =
    groups.includes('group:default/integration-admins') ||
    READ_BY_EVERYONE.includes(permission) ||
    (OWNERS_MAY.includes(permission) &&
      groups.includes(ownerOf(resourceRef) ?? ''));
  return allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
}

/**
 * The portal's policy over the demo data, decided by resource ref as the
 * permission backend decides a conditional decision: integration admins do
 * everything, owners test their integrations and resolve their errors,
 * everyone signed in reads, nobody else does anything.
 */
export const portalPolicy = mockServices.permissions.mock({
  authorize: async (requests, options) =>
    requests.map(item => ({
      result: decide(
        options?.credentials,
        item.permission.name,
        'resourceRef' in item ? (item.resourceRef as string) : undefined,
      ),
    })),
  authorizeConditional: async (requests, options) =>
    requests.map(({ permission }) => ({
      result: decide(options?.credentials, permission.name),
    })),
}).factory;
