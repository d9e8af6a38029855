import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import {
  ENVIRONMENTS,
  Environment,
} from '@internal/plugin-integrations-common';
import { useCallback } from 'react';

export const EDITOR_SECTIONS = [
  'settings',
  'history',
  'credentials',
  'tests',
] as const;
export type EditorSection = (typeof EDITOR_SECTIONS)[number];

function oneOf<T extends string>(
  values: readonly T[],
  value: string | null,
): T | undefined {
  return values.find(candidate => candidate === value);
}

/**
 * What a sub-page of the Integrations page shows, kept in the URL so that
 * links and reloads land on the same view: the open editor on the
 * configuration page (`?integration=stripe&environment=production&section=history`),
 * or the environment of the dashboard (`?environment=staging`).
 */
export function useIntegrationsPageParams() {
  const [params, setParams] = useAppSearchParams();

  const integration = params.get('integration') || undefined;
  const environment = oneOf<Environment>(
    ENVIRONMENTS,
    params.get('environment'),
  );
  const section = oneOf(EDITOR_SECTIONS, params.get('section')) ?? 'settings';

  /** Shows another environment; production needs no parameter. */
  const selectEnvironment = useCallback(
    (next: Environment) =>
      setParams(next === 'production' ? {} : { environment: next }),
    [setParams],
  );

  const openEditor = useCallback(
    (name: string, env: Environment, nextSection: EditorSection = 'settings') =>
      setParams({
        integration: name,
        environment: env,
        ...(nextSection === 'settings' ? {} : { section: nextSection }),
      }),
    [setParams],
  );

  const closeEditor = useCallback(() => setParams({}), [setParams]);

  return {
    integration,
    environment,
    section,
    selectEnvironment,
    openEditor,
    closeEditor,
  };
}
