import {
  IntegrationConfig,
  IntegrationSettings,
  ValidationIssue,
  getProvider,
  settingsOf,
  validateIntegrationSettings,
} from '@internal/plugin-integrations-common';
import { useCallback, useMemo, useReducer, useRef } from 'react';
import { fieldIssuesOf } from '../../../requestErrors';
import { changedSettings, withSetting } from '../../../settingsDraft';
import { BoundSetting } from './SettingFields';

export const FEATURE_SETTINGS_PATH = 'featureConfig.featureSettings';

interface DraftState {
  draft: IntegrationSettings;
  /** Changes when the edits are discarded, so fields holding their own text start again. */
  revision: number;
  customSettingsError?: string;
  /** Problems the backend found that live validation did not. */
  serverIssues: ValidationIssue[];
  requestError?: Error;
}

type DraftAction =
  | { type: 'change'; path: string; value: unknown }
  | { type: 'discard'; saved: IntegrationSettings }
  | { type: 'customSettingsError'; message?: string }
  | { type: 'refused'; error: Error; asRequestError: boolean }
  | { type: 'requestStarted' };

function reduce(state: DraftState, action: DraftAction): DraftState {
  switch (action.type) {
    case 'change':
      return {
        ...state,
        draft: withSetting(state.draft, action.path, action.value),
        serverIssues: state.serverIssues.length > 0 ? [] : state.serverIssues,
      };
    case 'discard':
      return {
        draft: action.saved,
        revision: state.revision + 1,
        serverIssues: [],
      };
    case 'customSettingsError':
      return { ...state, customSettingsError: action.message };
    case 'refused':
      return {
        ...state,
        serverIssues: fieldIssuesOf(action.error),
        requestError: action.asRequestError ? action.error : state.requestError,
      };
    case 'requestStarted':
      return { ...state, requestError: undefined };
    default:
      return state;
  }
}

export function isAt(issue: ValidationIssue, path: string) {
  return issue.path === path || issue.path.startsWith(`${path}.`);
}

function getSetting(settings: IntegrationSettings, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node as Record<string, unknown> | undefined)?.[key],
      settings,
    );
}

/**
 * The edited settings of one configuration with their problems, found live by
 * the backend's own rules and by the backend when it refused a change, and
 * `bind(path)`, the value, handler, errors and state of one field.
 */
export function useConfigurationDraft(
  config: IntegrationConfig,
  dependencyGraph: ReadonlyMap<string, readonly string[]>,
  readOnly: boolean,
) {
  const saved = useMemo(() => settingsOf(config), [config]);
  const provider = useMemo(() => getProvider(config.provider), [config]);
  const [state, dispatch] = useReducer(reduce, {
    draft: saved,
    revision: 0,
    serverIssues: [],
  });
  const { draft, serverIssues, customSettingsError } = state;

  const liveIssues = useMemo(
    () =>
      validateIntegrationSettings(draft, {
        name: config.name,
        environment: config.environment,
        provider,
        dependencyGraph,
      }),
    [draft, config.name, config.environment, provider, dependencyGraph],
  );
  const issues = useMemo(
    () => [...liveIssues, ...serverIssues],
    [liveIssues, serverIssues],
  );
  const changes = changedSettings(saved, draft);

  const change = useCallback(
    (path: string, value: unknown) => dispatch({ type: 'change', path, value }),
    [],
  );
  // One handler per path for the whole life of the form, so memoized fields skip re-rendering.
  const changeHandlers = useRef(new Map<string, (value: any) => void>());
  const changeHandlerFor = (path: string) => {
    let handler = changeHandlers.current.get(path);
    if (!handler) {
      handler = (value: unknown) => change(path, value);
      changeHandlers.current.set(path, handler);
    }
    return handler;
  };

  const bind = <T>(path: string): BoundSetting<T> => ({
    value: getSetting(draft, path) as T,
    onChange: changeHandlerFor(path),
    errors: issues.filter(issue => isAt(issue, path)).map(i => i.message),
    disabled: readOnly,
  });

  // Compared by content, so the generated provider form only re-renders when its own problems change.
  const featureSettingsIssuesKey = JSON.stringify(
    issues
      .filter(issue => isAt(issue, FEATURE_SETTINGS_PATH))
      .map(issue => ({
        ...issue,
        path: issue.path.slice(FEATURE_SETTINGS_PATH.length + 1),
      })),
  );
  const featureSettingsIssues: ValidationIssue[] = useMemo(
    () => JSON.parse(featureSettingsIssuesKey),
    [featureSettingsIssuesKey],
  );

  return {
    draft,
    revision: state.revision,
    provider,
    issues,
    featureSettingsIssues,
    problemCount: issues.length + (customSettingsError ? 1 : 0),
    changes,
    changed: Object.keys(changes).length > 0,
    requestError: state.requestError,
    bind,
    change,
    discard: useCallback(() => dispatch({ type: 'discard', saved }), [saved]),
    setCustomSettingsError: useCallback(
      (message?: string) => dispatch({ type: 'customSettingsError', message }),
      [],
    ),
    /** The backend refused a change: its problems go to their fields, and the error above the actions unless shown elsewhere. */
    refused: useCallback(
      (error: Error, asRequestError = true) =>
        dispatch({ type: 'refused', error, asRequestError }),
      [],
    ),
    requestStarted: useCallback(() => dispatch({ type: 'requestStarted' }), []),
  };
}

export type ConfigurationDraft = ReturnType<typeof useConfigurationDraft>;
