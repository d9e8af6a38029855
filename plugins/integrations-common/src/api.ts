import { Environment, IntegrationConfig } from './types';
import { AUDIT_ACTIONS, AUDIT_CATEGORIES } from './schemas';

/** One problem with a configuration, as a dotted field path and a sentence. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** One changed field between two configurations. */
export interface FieldChange {
  /** Dotted path, e.g. `connectionConfig.timeout`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** Answer of `PUT /configs/:name` (and its dry run, the configuration preview). */
export interface UpdateConfigResponse {
  dryRun: boolean;
  /** The saved configuration, or with a dry run what it would be. */
  config: IntegrationConfig;
  changes: FieldChange[];
}

export type ConfigChangeType =
  | 'create'
  | 'update'
  | 'rollback'
  | 'copy'
  | 'bulk_update'
  | 'delete'
  | 'restore';

/** One entry of a configuration's history. */
export interface ConfigVersionSummary {
  name: string;
  environment: Environment;
  version: number;
  changeType: ConfigChangeType;
  author: string;
  createdAt: string;
  notes?: string;
  /** Fields that differ from the previous version. */
  changedFields: string[];
}

/** A version with the full configuration as it was then. */
export interface ConfigVersion extends ConfigVersionSummary {
  snapshot: IntegrationConfig;
}

export interface ListVersionsResponse {
  items: ConfigVersionSummary[];
}

export interface DiffResponse {
  name: string;
  environment: Environment;
  from: number;
  to: number;
  changes: FieldChange[];
}

export interface CopyConfigResponse {
  config: IntegrationConfig;
  copiedFields: string[];
  /** What a copy never carries over, and why. */
  notCopied: Array<{ field: string; reason: string }>;
}

export interface BulkUpdateItemResult {
  name: string;
  environment: Environment;
  status: 'updated' | 'unchanged' | 'failed';
  version?: number;
  changes?: FieldChange[];
  errors?: ValidationIssue[];
}

export interface BulkUpdateResponse {
  applied: boolean;
  results: BulkUpdateItemResult[];
}

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

/** One row of the append-only audit log (the spec's IntegrationAuditLog). */
export interface AuditLogEntry {
  eventId: string;
  timestamp: string;
  userId: string;
  integration: string;
  environment?: Environment;
  action: AuditAction;
  category: AuditCategory;
  details: {
    changedFields: string[];
    /** Before and after states, with secret values masked. */
    before?: unknown;
    after?: unknown;
    version?: number;
    [key: string]: unknown;
  };
  context: { time: string; ip?: string; userAgent?: string };
  outcome: 'success' | 'failure';
  error?: string;
  /**
   * Scheduled credential uses are one row per configuration, actor, purpose
   * and hour: how many uses the row stands for (from `timestamp`, the first,
   * to the end of that hour). Absent on rows that record one event.
   */
  count?: number;
}

export interface ListAuditResponse {
  items: AuditLogEntry[];
  totalCount: number;
}

/** What may be shown of one credential field: never its value. */
export interface CredentialFieldStatus {
  field: string;
  label: string;
  /** Whether the value is a secret (client ids and user names are not). */
  secret: boolean;
  set: boolean;
  /** The last characters of the value, fewer for short values. */
  last4?: string;
  /** Keyed hash of the value, to tell whether two values are the same. */
  fingerprint?: string;
  updatedAt?: string;
  updatedBy?: string;
  expiresAt?: string;
  expired?: boolean;
}

export interface CredentialStatusResponse {
  name: string;
  environment: Environment;
  fields: CredentialFieldStatus[];
}

/** Outcome of a key rotation run. */
export interface KeyRotationResult {
  primaryKeyId: string;
  rewrapped: number;
  /** Fields still wrapped by another key (changed during the run, or failed). */
  remaining: number;
}

/** The encryption settings and state of the key ring (the spec's encryptionSettings). */
export interface EncryptionStatus {
  algorithm: 'aes-256-gcm';
  primaryKeyId: string;
  /** Each configured key and how many credential fields it still protects. */
  keys: Array<{ id: string; primary: boolean; protects: number }>;
  /** Fields not yet re-wrapped under the primary key. */
  pending: number;
  rotationSchedule: Record<string, unknown>;
  lastRotation?: {
    primaryKeyId: string;
    trigger: string;
    startedAt: string;
    finishedAt?: string;
    rewrapped: number;
    remaining?: number;
    error?: string;
  };
}
