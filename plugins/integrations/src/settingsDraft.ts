import {
  IntegrationSettings,
  UpdateConfigRequest,
} from '@internal/plugin-integrations-common';

type SettingsChanges = Omit<UpdateConfigRequest, 'version' | 'notes'>;

/**
 * The top-level settings that differ between the saved and the edited
 * configuration, as the partial update the backend expects. Sections are sent
 * whole so that whatever the backend's merge, the result is what the form shows.
 */
export function changedSettings(
  saved: IntegrationSettings,
  edited: IntegrationSettings,
): SettingsChanges {
  // An emptied text field clears the setting: the backend takes null for that.
  const normalized = {
    ...edited,
    description: edited.description || undefined,
    system: edited.system || undefined,
  };
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(normalized) as Array<
    keyof IntegrationSettings
  >) {
    if (JSON.stringify(saved[key]) !== JSON.stringify(normalized[key])) {
      changes[key] = normalized[key];
    }
  }
  for (const clearable of ['description', 'system'] as const) {
    if (clearable in changes && changes[clearable] === undefined) {
      changes[clearable] = null;
    }
  }
  return changes as SettingsChanges;
}

function setIn(
  target: Record<string, unknown>,
  [head, ...rest]: string[],
  value: unknown,
): Record<string, unknown> {
  return {
    ...target,
    [head]:
      rest.length === 0
        ? value
        : setIn((target[head] ?? {}) as Record<string, unknown>, rest, value),
  };
}

/** A copy of `settings` with the value at a dotted path replaced. */
export function withSetting(
  settings: IntegrationSettings,
  path: string,
  value: unknown,
): IntegrationSettings {
  return setIn(
    settings as unknown as Record<string, unknown>,
    path.split('.'),
    value,
  ) as unknown as IntegrationSettings;
}
