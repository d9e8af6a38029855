import {
  integrationCredentialsUpdatePermission,
  keysRotatePermission,
  updateCredentialsRequestSchema,
} from '@internal/plugin-integrations-common';
import express from 'express';
import {
  parseConfigurationTarget,
  parseInput,
  readableConfiguration,
} from '../http/validation';
import { RequestGuard } from '../permissions/RequestGuard';
import { CredentialService } from './CredentialService';
import { KeyRotationService } from './KeyRotationService';

/**
 * Credentials and the encryption keys: `/:name/credentials`, `/keys/status`
 * and `/keys/rotate`.
 */
export function addCredentialsRoutes(
  router: express.Router,
  options: {
    guard: RequestGuard;
    credentialService: CredentialService;
    keyRotation: KeyRotationService;
  },
) {
  const { guard, credentialService, keyRotation } = options;

  router.get('/:name/credentials', async (req, res) => {
    const { name, environment } = await readableConfiguration(guard, req);
    res.json(await credentialService.status(name, environment));
  });

  router.put('/:name/credentials', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const { name, environment } = parseConfigurationTarget(req);
    const body = parseInput(updateCredentialsRequestSchema, req.body, 'body');
    const status = await guard.changeConfiguration(
      req,
      credentials,
      {
        eventId: 'integration-credentials-update',
        action: 'credentials_update',
        permission: integrationCredentialsUpdatePermission,
        name,
        environment,
        severityLevel: 'high',
      },
      () =>
        credentialService.update(
          name,
          environment,
          body,
          guard.actor(req, credentials),
        ),
    );
    res.json(status);
  });

  router.get('/keys/status', async (req, res) => {
    const credentials = await guard.credentials(req);
    await guard.authorize(credentials, keysRotatePermission);
    res.json(await keyRotation.status());
  });

  router.post('/keys/rotate', async (req, res) => {
    const credentials = await guard.userCredentials(req);
    const result = await guard.audited(
      req,
      {
        eventId: 'integration-keys-rotate',
        severityLevel: 'high',
        action: 'keys_rotate',
        integrations: [],
      },
      async () => {
        await guard.authorize(credentials, keysRotatePermission);
        return keyRotation.rotate(credentials.principal.userEntityRef);
      },
    );
    res.json(result);
  });
}
