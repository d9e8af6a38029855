import { useApi } from '@backstage/core-plugin-api';
import {
  FieldChange,
  IntegrationConfig,
  UpdateConfigRequest,
} from '@internal/plugin-integrations-common';
import { useState } from 'react';
import { useUpdateConfiguration } from '../../../hooks/useConfigurationMutations';
import { integrationsApiRef } from '../../../api';
import { isConflict } from '../../../requestErrors';
import { ConfigurationDraft } from './useConfigurationDraft';

export interface Preview {
  request: UpdateConfigRequest;
  changes: FieldChange[];
}

export interface Conflict {
  error: Error;
  /** The configuration as it is now saved, when it could be read. */
  current?: IntegrationConfig;
}

/**
 * Preview then save: the change is first validated by the backend without
 * saving (a dry run answers with its diff), then saved with optional notes.
 * A conflict (someone saved first) is kept apart from other refusals.
 */
export function useSaveFlow(
  config: IntegrationConfig,
  draft: ConfigurationDraft,
  onSaved: (config: IntegrationConfig) => void,
) {
  const update = useUpdateConfiguration(config.name, config.environment);
  const api = useApi(integrationsApiRef);
  const [previewing, setPreviewing] = useState(false);
  const [preview, setPreview] = useState<Preview>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<Error>();
  const [conflict, setConflict] = useState<Conflict>();

  const handleConflict = async (error: Error) => {
    const current = await api
      .getConfig(config.name, config.environment)
      .then(configs => configs[0])
      .catch(() => undefined);
    setPreview(undefined);
    setConflict({ error, current });
  };

  const openPreview = async () => {
    const request: UpdateConfigRequest = {
      version: config.metadata.version,
      ...draft.changes,
    };
    setPreviewing(true);
    draft.requestStarted();
    try {
      const result = await update(request, { dryRun: true });
      setSaveError(undefined);
      setPreview({ request, changes: result.changes });
    } catch (error) {
      if (isConflict(error as Error)) {
        await handleConflict(error as Error);
      } else {
        draft.refused(error as Error);
      }
    } finally {
      setPreviewing(false);
    }
  };

  const save = async (notes: string | undefined) => {
    if (!preview) {
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    try {
      const result = await update({
        ...preview.request,
        ...(notes ? { notes } : {}),
      });
      setPreview(undefined);
      onSaved(result.config);
    } catch (error) {
      if (isConflict(error as Error)) {
        await handleConflict(error as Error);
      } else {
        draft.refused(error as Error, false);
        setSaveError(error as Error);
      }
    } finally {
      setSaving(false);
    }
  };

  return {
    previewing,
    preview,
    saving,
    saveError,
    conflict,
    openPreview,
    save,
    cancelPreview: () => setPreview(undefined),
    dismissConflict: () => setConflict(undefined),
  };
}
