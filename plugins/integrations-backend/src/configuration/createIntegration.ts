import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  IntegrationConfig,
  integrationCreatePermission,
} from '@internal/plugin-integrations-common';
import { ChangeOrigin, RequestGuard } from '../permissions/RequestGuard';
import {
  ConfigurationService,
  CreateIntegrationInput,
} from './ConfigurationService';

/**
 * Creates an integration from its provider template for the caller, who
 * needs the permission to create integrations; audited whether it is allowed
 * or not. `POST /configs` and the create-integration action both come here.
 */
export async function createIntegration(
  options: { guard: RequestGuard; configurations: ConfigurationService },
  origin: ChangeOrigin,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  input: CreateIntegrationInput,
): Promise<IntegrationConfig[]> {
  const { guard, configurations } = options;
  return guard.audited(
    origin,
    {
      eventId: 'integration-create',
      severityLevel: 'medium',
      action: 'create',
      integrations: [input.name],
    },
    async () => {
      await guard.authorize(credentials, integrationCreatePermission);
      return configurations.create(input, guard.actor(origin, credentials));
    },
  );
}
