import {
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ConfigStore } from '../configuration/ConfigStore';
import {
  DEFAULT_ROTATION_SCHEDULE,
  scheduleFromConfig,
} from '../scheduling/schedules';
import { webhookSecretSource } from '../webhooks/endpointSecrets';
import { assertKeyRingCoversCredentials } from './assertKeyRingCoversCredentials';
import { CredentialService } from './CredentialService';
import { CredentialStore } from './CredentialStore';
import { CredentialVault } from './CredentialVault';
import { KeyRing } from './KeyRing';
import { KeyRotationService } from './KeyRotationService';
import { DatabaseKeyRotationStore } from './KeyRotationStore';
import { KeyRotationTask } from './KeyRotationTask';

/**
 * The vault every secret is sealed in, its key ring from config, and the
 * rotation that re-wraps credentials and webhook signing secrets under the
 * primary key. Refuses to start when the key ring lacks a key still in use.
 */
export async function createCredentialProtection(options: {
  config: RootConfigService;
  database: DatabaseService;
  scheduler: SchedulerService;
  configs: ConfigStore;
  credentials: CredentialStore;
  logger: LoggerService;
}) {
  const { config, database, scheduler, configs, credentials, logger } = options;
  const keyRing = KeyRing.fromConfig(config);
  const webhookSecrets = webhookSecretSource(await database.getClient());
  await assertKeyRingCoversCredentials(keyRing, credentials, [webhookSecrets]);
  const vault = new CredentialVault(keyRing);
  const credentialService = new CredentialService({
    configs,
    credentials,
    vault,
  });
  const rotationSchedule = scheduleFromConfig(
    config,
    'integrations.encryption.rotationSchedule',
    DEFAULT_ROTATION_SCHEDULE,
  );
  const keyRotation = new KeyRotationService({
    credentials,
    keyRotations: await DatabaseKeyRotationStore.create({ database }),
    vault,
    keyRing,
    schedule: rotationSchedule,
    otherSecrets: [webhookSecrets],
  });
  await new KeyRotationTask({ rotation: keyRotation, logger }).start(
    scheduler,
    rotationSchedule,
  );
  return { vault, credentialService, keyRotation };
}
