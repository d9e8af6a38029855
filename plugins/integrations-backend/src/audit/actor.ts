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
