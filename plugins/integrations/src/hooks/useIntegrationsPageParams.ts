import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import {
  ENVIRONMENTS,
  Environment,
} from '@internal/plugin-integrations-common';
import { useCallback } from 'react';

export const INTEGRATIONS_TABS = [
  'dashboard',
  'configuration',
  'audit',
] as const;
export type IntegrationsTab = (typeof INTEGRATIONS_TABS)[number];

/** Tabs that were renamed, so old links still land on the right one. */
const FORMER_TABS = new Map<string | null, IntegrationsTab>([
  ['overview', 'dashboard'],
]);

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
 * What the Integrations page shows, kept in the URL so that links and reloads
 * land on the same tab and editor: `?tab=configuration&integration=stripe&environment=production&section=history`,
 * or the dashboard of one environment: `?environment=staging`.
 */
export function useIntegrationsPageParams() {
  const [params, setParams] = useAppSearchParams();

  const requestedTab = params.get('tab');
  const tab =
    oneOf(INTEGRATIONS_TABS, requestedTab) ??
    FORMER_TABS.get(requestedTab) ??
    'dashboard';
  const integration = params.get('integration') || undefined;
  const environment = oneOf<Environment>(
    ENVIRONMENTS,
    params.get('environment'),
  );
  const section = oneOf(EDITOR_SECTIONS, params.get('section')) ?? 'settings';

  const selectTab = useCallback(
    (next: IntegrationsTab) =>
      setParams(next === 'dashboard' ? {} : { tab: next }),
    [setParams],
  );

  /** Shows the dashboard of another environment; production needs no parameter. */
  const selectDashboardEnvironment = useCallback(
    (next: Environment) =>
      setParams(next === 'production' ? {} : { environment: next }),
    [setParams],
  );

  const openEditor = useCallback(
    (name: string, env: Environment, nextSection: EditorSection = 'settings') =>
      setParams({
        tab: 'configuration',
        integration: name,
        environment: env,
        ...(nextSection === 'settings' ? {} : { section: nextSection }),
      }),
    [setParams],
  );

  const closeEditor = useCallback(
    () => setParams({ tab: 'configuration' }),
    [setParams],
  );

  return {
    tab,
    integration,
    environment,
    section,
    selectTab,
    selectDashboardEnvironment,
    openEditor,
    closeEditor,
  };
}
