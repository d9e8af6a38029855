import {
  ENVIRONMENTS,
  Environment,
} from '@internal/plugin-integrations-common';
import type { z as zod } from 'zod/v3';

/** The zod the actions registry hands each schema function. */
export type RegistryZod = typeof zod;

/**
 * The fields most actions take. The registry describes them to Scaffolder
 * templates and AI agents as JSON Schema, so each says what it is for.
 */
export function integrationInput(z: RegistryZod) {
  return z
    .string()
    .min(1)
    .max(63)
    .describe(
      'The integration’s name as the portal shows it in URLs, e.g. stripe or github-eu',
    );
}

export function environmentInput(z: RegistryZod) {
  return z
    .enum(ENVIRONMENTS)
    .optional()
    .describe('The environment: development, staging or production (default)');
}

export function environmentOutput(z: RegistryZod) {
  return z.enum(ENVIRONMENTS);
}

/** Where the actions' answers point people in the portal. */
export class PortalLinks {
  constructor(private readonly appBaseUrl: string | undefined) {}

  configuration(
    name: string,
    environment: Environment,
    section?: 'credentials' | 'tests',
  ): string {
    const query = new URLSearchParams({ integration: name, environment });
    if (section) {
      query.set('section', section);
    }
    return this.absolute(`/integrations/config?${query}`);
  }

  dashboard(environment: Environment): string {
    return this.absolute(`/integrations/dashboard?environment=${environment}`);
  }

  private absolute(path: string): string {
    return this.appBaseUrl
      ? `${this.appBaseUrl.replace(/\/$/, '')}${path}`
      : path;
  }
}
