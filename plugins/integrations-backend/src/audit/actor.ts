import {
  Environment,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';

/** Who made a request, for version authorship and the audit log. */
export interface Actor {
  userRef: string;
  ip?: string;
  userAgent?: string;
  /**
   * Throws unless the actor may change where a configuration's stored
   * credentials are sent (its base URL or token URL host). Requests always
   * carry it; without it the caller is the backend itself (seeding, tests).
   */
  authorizeCredentialTarget?(
    name: string,
    environment: Environment,
  ): Promise<void>;
  /**
   * Throws unless the actor may change the configuration as it will be
   * after the change: handing it to another owner needs the right to change
   * that owner's configurations too.
   */
  authorizeResultingConfiguration?(config: IntegrationConfig): Promise<void>;
}

/**
 * How software names itself in the audit log: a background task
 * (`task:<id>`), or another backend plugin calling an integration through
 * the client (`plugin:<id>`).
 */
const SOFTWARE_ACTOR_PREFIXES = ['task:', 'plugin:'];

/**
 * Software, not a person: its credential uses are counted per hour, as it
 * may use them thousands of times a day; a person's each stay a row.
 */
export function isSoftwareActor(actor: string): boolean {
  return SOFTWARE_ACTOR_PREFIXES.some(prefix => actor.startsWith(prefix));
}
