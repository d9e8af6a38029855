import {
  CredentialStatusResponse,
  Environment,
  IntegrationConfig,
  UpdateCredentialsRequest,
  getProvider,
  toConfigurationTemplate,
  ValidationIssue,
} from '@internal/plugin-integrations-common';
import { z } from 'zod';
import {
  CredentialChange,
  CredentialStore,
  StoredCredential,
} from './CredentialStore';
import { Actor, isSoftwareActor } from '../audit/actor';
import { CredentialUse } from '../audit/AuditStore';
import { auditRecord } from '../audit/auditRecords';
import { ConfigStore } from '../configuration/ConfigStore';
import { liveConfiguration } from '../configuration/liveConfiguration';
import { CredentialVault } from './CredentialVault';
import { invalidFields } from '../requestErrors/invalidRequest';

/** Credentials opened for one call to a provider. */
export interface OpenedCredentials {
  /** Plaintext values by field; never leave the process. */
  values: Record<string, string>;
  /** Fields that were not opened because they have expired. */
  expired: Array<{ field: string; expiresAt: string }>;
  /** The expiry of every field that has one. */
  expiresAt: Record<string, string>;
  /** When each stored field was last written. */
  updatedAt: Record<string, string>;
}

/**
 * Write-only credentials: values go in, are sealed by the vault, and only
 * their masked status comes out.
 */
export class CredentialService {
  private readonly configs: ConfigStore;
  private readonly credentials: CredentialStore;
  private readonly vault: CredentialVault;
  private readonly now: () => Date;

  constructor(options: {
    configs: ConfigStore;
    credentials: CredentialStore;
    vault: CredentialVault;
    now?: () => Date;
  }) {
    this.configs = options.configs;
    this.credentials = options.credentials;
    this.vault = options.vault;
    this.now = options.now ?? (() => new Date());
  }

  async status(
    name: string,
    environment: Environment,
  ): Promise<CredentialStatusResponse> {
    const config = await liveConfiguration(this.configs, name, environment);
    const stored = new Map(
      (await this.credentials.list(name, environment)).map(c => [c.field, c]),
    );
    const now = this.now().getTime();
    return {
      name,
      environment,
      fields: this.credentialFields(config).map(
        ({ name: field, label, secret }) => {
          const credential = stored.get(field);
          if (!credential) {
            return { field, label, secret, set: false };
          }
          return {
            field,
            label,
            secret,
            set: true,
            last4: credential.last4,
            fingerprint: credential.fingerprint,
            updatedAt: credential.updatedAt,
            updatedBy: credential.updatedBy,
            ...(credential.expiresAt
              ? {
                  expiresAt: credential.expiresAt,
                  expired: Date.parse(credential.expiresAt) <= now,
                }
              : {}),
          };
        },
      ),
    };
  }

  async update(
    name: string,
    environment: Environment,
    request: UpdateCredentialsRequest,
    actor: Actor,
  ): Promise<CredentialStatusResponse> {
    const config = await liveConfiguration(this.configs, name, environment);
    const provider = getProvider(config.provider);
    // Looked up with Object.hasOwn only: a field named like an Object
    // method (valueOf, constructor) must not find the method.
    const shape: Record<string, z.ZodType> =
      provider?.credentialsSchema.shape ?? {};
    const existing = new Set(
      (await this.credentials.list(name, environment)).map(c => c.field),
    );
    const values = request.credentials ?? {};
    const expiries = request.expiresAt ?? {};

    const problems: ValidationIssue[] = [];
    for (const field of new Set([
      ...Object.keys(values),
      ...Object.keys(expiries),
    ])) {
      if (!Object.hasOwn(shape, field)) {
        problems.push({
          path: `body.credentials.${field}`,
          message: `${
            provider?.displayName ?? config.provider
          } has no credential field "${field}"`,
        });
      }
    }
    for (const [field, value] of Object.entries(values)) {
      if (value === null || !Object.hasOwn(shape, field)) {
        continue;
      }
      // Messages come from the provider's schema and name the field, never the value.
      const result = shape[field].safeParse(value);
      if (!result.success) {
        problems.push({
          path: `body.credentials.${field}`,
          message: result.error.issues.map(i => i.message).join(', '),
        });
      }
    }
    for (const field of Object.keys(expiries)) {
      if (!Object.hasOwn(values, field) && !existing.has(field)) {
        problems.push({
          path: `body.expiresAt.${field}`,
          message: `${field} is not set, so it cannot expire`,
        });
      }
    }
    if (problems.length) {
      throw invalidFields(problems);
    }

    const changes: CredentialChange[] = [];
    for (const [field, value] of Object.entries(values)) {
      changes.push(
        value === null
          ? { kind: 'clear', field }
          : {
              kind: 'set',
              field,
              sealed: this.vault.seal(value, {
                integration: name,
                environment,
                field,
              }),
              expiresAt: expiries[field] === undefined ? null : expiries[field],
            },
      );
    }
    for (const [field, expiresAt] of Object.entries(expiries)) {
      if (!Object.hasOwn(values, field)) {
        changes.push({ kind: 'expiry', field, expiresAt });
      }
    }

    const at = this.now();
    await this.credentials.apply({ integration: name, environment }, changes, {
      actor: actor.userRef,
      at,
      audit: [
        auditRecord(actor, at, {
          action: 'credentials_update',
          category: 'credentials',
          integration: name,
          environment,
          details: {
            changedFields: changes.map(change => change.field).sort(),
            set: changes.filter(c => c.kind === 'set').map(c => c.field),
            cleared: changes.filter(c => c.kind === 'clear').map(c => c.field),
            expiryChanged: Object.keys(expiries),
          },
        }),
      ],
    });
    return this.status(name, environment);
  }

  /** The sealed fields of many configurations, read in one query. */
  async storedFor(
    targets: Array<{ integration: string; environment: Environment }>,
  ): Promise<Map<string, StoredCredential[]>> {
    return this.credentials.listMany(targets);
  }

  /**
   * Decrypts the credentials a call to the provider needs, and records the
   * use in the audit log: a person's use as its own row, a task's or a
   * plugin's counted in its hour's row. Expired fields are never opened: they are reported so
   * the caller can say why it cannot authenticate.
   */
  async openForUse(
    name: string,
    environment: Environment,
    use: {
      actor: string;
      purpose: string;
      /** The configuration's stored fields, when the caller already read them. */
      stored?: StoredCredential[];
      /**
       * Takes a task's use to record it in the same transaction as the
       * check's result; without it the use is counted at once.
       */
      recordWithResult?: (use: CredentialUse) => void;
    },
  ): Promise<OpenedCredentials> {
    const stored =
      use.stored ?? (await this.credentials.list(name, environment));
    const now = this.now();
    const values: Record<string, string> = {};
    const expired: Array<{ field: string; expiresAt: string }> = [];
    const expiresAt: Record<string, string> = {};
    const updatedAt: Record<string, string> = {};
    for (const credential of stored) {
      updatedAt[credential.field] = credential.updatedAt;
      if (credential.expiresAt) {
        expiresAt[credential.field] = credential.expiresAt;
        if (Date.parse(credential.expiresAt) <= now.getTime()) {
          expired.push({
            field: credential.field,
            expiresAt: credential.expiresAt,
          });
          continue;
        }
      }
      values[credential.field] = this.vault.open(credential, {
        integration: name,
        environment,
        field: credential.field,
      });
    }
    const opened = Object.keys(values).sort();
    if (opened.length === 0) {
      return { values, expired, expiresAt, updatedAt };
    }
    if (!isSoftwareActor(use.actor)) {
      await this.credentials.recordUse(
        auditRecord({ userRef: use.actor }, now, {
          action: 'credentials_use',
          category: 'credentials',
          integration: name,
          environment,
          details: { changedFields: [], fields: opened, purpose: use.purpose },
        }),
      );
    } else {
      const taskUse: CredentialUse = {
        integration: name,
        environment,
        actor: use.actor,
        purpose: use.purpose,
        fields: opened,
        at: now,
      };
      if (use.recordWithResult) {
        use.recordWithResult(taskUse);
      } else {
        await this.credentials.countUses([taskUse]);
      }
    }
    return { values, expired, expiresAt, updatedAt };
  }

  /**
   * Stores tokens a provider issued (an OAuth refresh), sealed like any
   * credential, and records who stored them.
   */
  async storeIssuedTokens(
    name: string,
    environment: Environment,
    tokens: Record<string, { value: string; expiresAt?: string }>,
    actor: string,
  ): Promise<void> {
    const at = this.now();
    const changes: CredentialChange[] = Object.entries(tokens).map(
      ([field, token]) => ({
        kind: 'set',
        field,
        sealed: this.vault.seal(token.value, {
          integration: name,
          environment,
          field,
        }),
        expiresAt: token.expiresAt ?? null,
      }),
    );
    await this.credentials.apply({ integration: name, environment }, changes, {
      actor,
      at,
      audit: [
        auditRecord({ userRef: actor }, at, {
          action: 'token_refresh',
          category: 'credentials',
          integration: name,
          environment,
          details: { changedFields: Object.keys(tokens).sort() },
        }),
      ],
    });
  }

  private credentialFields(config: IntegrationConfig) {
    const provider = getProvider(config.provider);
    return provider ? toConfigurationTemplate(provider).credentialFields : [];
  }
}
