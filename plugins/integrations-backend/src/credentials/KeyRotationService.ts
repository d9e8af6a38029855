import { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import {
  EncryptionStatus,
  KeyRotationResult,
} from '@internal/plugin-integrations-common';
import { CredentialStore } from './CredentialStore';
import { KeyRotationStore } from './KeyRotationStore';
import { CredentialVault } from './CredentialVault';
import { KeyRing } from './KeyRing';
import { countAllByKeyId, SealedSecretSource } from './sealedSecretSource';

/**
 * Re-wraps every data key under the primary key, online: each field is
 * updated on its own and only if nobody changed it meanwhile, so reads and
 * writes go on during a run, a crash loses nothing and the next run resumes.
 */
export class KeyRotationService {
  private readonly credentials: CredentialStore;
  private readonly keyRotations: KeyRotationStore;
  private readonly vault: CredentialVault;
  private readonly keyRing: KeyRing;
  private readonly schedule: SchedulerServiceTaskScheduleDefinition;
  private readonly batchSize: number;
  private readonly now: () => Date;
  private readonly otherSecrets: SealedSecretSource[];

  constructor(options: {
    credentials: CredentialStore;
    keyRotations: KeyRotationStore;
    vault: CredentialVault;
    keyRing: KeyRing;
    schedule: SchedulerServiceTaskScheduleDefinition;
    /** Secrets sealed outside the credentials table, re-wrapped alike. */
    otherSecrets?: SealedSecretSource[];
    batchSize?: number;
    now?: () => Date;
  }) {
    this.otherSecrets = options.otherSecrets ?? [];
    this.credentials = options.credentials;
    this.keyRotations = options.keyRotations;
    this.vault = options.vault;
    this.keyRing = options.keyRing;
    this.schedule = options.schedule;
    this.batchSize = options.batchSize ?? 100;
    this.now = options.now ?? (() => new Date());
  }

  async rotate(trigger: string): Promise<KeyRotationResult> {
    const { credentials, keyRotations } = this;
    const primaryKeyId = this.keyRing.primaryKeyId;
    const runId = await keyRotations.start({
      primaryKeyId,
      trigger,
      at: this.now(),
    });
    let rewrapped = 0;
    try {
      for (;;) {
        const batch = await credentials.listNotWrappedBy(
          primaryKeyId,
          this.batchSize,
        );
        let progressed = 0;
        for (const credential of batch) {
          const next = this.vault.rewrap(credential, {
            integration: credential.integration,
            environment: credential.environment,
            field: credential.field,
          });
          if (await credentials.replaceWrappedKey(credential, next)) {
            progressed += 1;
          }
        }
        rewrapped += progressed;
        // A field changed meanwhile was sealed anew under the primary key.
        if (batch.length < this.batchSize || progressed === 0) {
          break;
        }
      }
      for (const source of this.otherSecrets) {
        rewrapped += await this.rewrapAll(source, primaryKeyId);
      }
      const remaining = await this.pending();
      await keyRotations.finish(runId, {
        at: this.now(),
        rewrapped,
        remaining,
      });
      return { primaryKeyId, rewrapped, remaining };
    } catch (error) {
      await keyRotations.finish(runId, {
        at: this.now(),
        rewrapped,
        remaining: await this.pending(),
        error: `${(error as Error).name}: ${(error as Error).message}`,
      });
      throw error;
    }
  }

  private async rewrapAll(
    source: SealedSecretSource,
    primaryKeyId: string,
  ): Promise<number> {
    let rewrapped = 0;
    for (;;) {
      const batch = await source.listNotWrappedBy(primaryKeyId, this.batchSize);
      let progressed = 0;
      for (const slot of batch) {
        if (await slot.replace(this.vault.rewrap(slot.sealed, slot.binding))) {
          progressed += 1;
        }
      }
      rewrapped += progressed;
      if (batch.length < this.batchSize || progressed === 0) {
        return rewrapped;
      }
    }
  }

  private counts(): Promise<Map<string, number>> {
    return countAllByKeyId([this.credentials, ...this.otherSecrets]);
  }

  async status(): Promise<EncryptionStatus> {
    const counts = await this.counts();
    const lastRotation = await this.keyRotations.last();
    return {
      algorithm: 'aes-256-gcm',
      primaryKeyId: this.keyRing.primaryKeyId,
      keys: this.keyRing.ids().map(id => ({
        id,
        primary: id === this.keyRing.primaryKeyId,
        protects: counts.get(id) ?? 0,
      })),
      pending: await this.pending(),
      rotationSchedule: JSON.parse(JSON.stringify(this.schedule)),
      ...(lastRotation ? { lastRotation } : {}),
    };
  }

  private async pending(): Promise<number> {
    const counts = await this.counts();
    return [...counts]
      .filter(([keyId]) => keyId !== this.keyRing.primaryKeyId)
      .reduce((sum, [, count]) => sum + count, 0);
  }
}
