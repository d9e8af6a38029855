import { Environment } from '@internal/plugin-integrations-common';

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
}

/** How a background task names itself in the audit log (`task:<id>`). */
const TASK_ACTOR_PREFIX = 'task:';

/** A task, not a person: its credential uses are counted per hour. */
export function isTaskActor(actor: string): boolean {
  return actor.startsWith(TASK_ACTOR_PREFIX);
}
