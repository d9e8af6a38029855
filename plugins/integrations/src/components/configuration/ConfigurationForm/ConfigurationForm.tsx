import {
  ConfigurationTemplate,
  CopyConfigResponse,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useMemo, useRef } from 'react';
import { FIELD_LABELS } from '../../../configurationFields';
import { useCredentialTargetLock } from '../../../hooks/useCredentialTargetLock';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import { ConfigPreviewDialog } from '../ConfigPreviewDialog';
import { ConflictAlert } from './ConflictAlert';
import { CopyFromMenu } from './CopyFromMenu';
import { FormFooter, problemsText, showFirstProblem } from './FormFooter';
import { AuthenticationSection } from './sections/AuthenticationSection';
import { ComplianceSection } from './sections/ComplianceSection';
import { ConnectionSection } from './sections/ConnectionSection';
import { FeaturesSection } from './sections/FeaturesSection';
import { GeneralSection } from './sections/GeneralSection';
import { MonitoringSection } from './sections/MonitoringSection';
import { isAt, useConfigurationDraft } from './useConfigurationDraft';
import { useSaveFlow } from './useSaveFlow';

/** Every path the form has a field for; problems elsewhere are listed above the actions. */
const FIELD_PATHS = Object.keys(FIELD_LABELS);

export interface ConfigurationFormProps {
  config: IntegrationConfig;
  /** The provider's template; its settings schema generates the provider section. */
  template?: ConfigurationTemplate;
  /** Every other integration in this environment with its dependencies. */
  dependencyGraph: ReadonlyMap<string, readonly string[]>;
  /** The same integration's configurations in other environments, to copy from. */
  copySources: IntegrationConfig[];
  /** Why the user may not change this configuration, if they may not. */
  updateDeniedReason?: string;
  onSaved(config: IntegrationConfig): void;
  onCopied(result: CopyConfigResponse, from: IntegrationConfig): void;
  /** Loads the configuration again, discarding the edits. */
  onReload(): void;
}

/**
 * The settings of one integration in one environment: edited with live
 * validation by the backend's own rules, previewed as a diff, then saved.
 */
export function ConfigurationForm(props: ConfigurationFormProps) {
  const { config, template, dependencyGraph, copySources } = props;
  const { updateDeniedReason, onSaved, onCopied, onReload } = props;
  const readOnly = Boolean(updateDeniedReason);
  const formRef = useRef<HTMLDivElement>(null);
  const draft = useConfigurationDraft(config, dependencyGraph, readOnly);
  const flow = useSaveFlow(config, draft, onSaved);
  const baseUrlLock = useCredentialTargetLock(config);
  const { problemCount, changed, provider, issues } = draft;
  const environmentLabel = ENVIRONMENT_LABELS[config.environment];
  const dependencyOptions = useMemo(
    () => [...dependencyGraph.keys()],
    [dependencyGraph],
  );

  const unplacedIssues = issues.filter(
    issue => !FIELD_PATHS.some(path => isAt(issue, path)),
  );

  let previewDisabledReason = updateDeniedReason;
  if (!previewDisabledReason && problemCount > 0) {
    previewDisabledReason = `Fix ${problemsText(problemCount)} first`;
  } else if (!previewDisabledReason && !changed) {
    previewDisabledReason = 'Nothing has changed yet';
  }

  return (
    <Box>
      {updateDeniedReason && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Read only: {updateDeniedReason}.
        </Typography>
      )}

      {flow.conflict && (
        <ConflictAlert
          conflict={flow.conflict}
          config={config}
          onReload={() => {
            flow.dismissConflict();
            onReload();
          }}
        />
      )}

      <div key={draft.revision} ref={formRef}>
        <GeneralSection
          bind={draft.bind}
          dependencyOptions={dependencyOptions}
          environmentLabel={environmentLabel}
        />
        <ConnectionSection
          bind={draft.bind}
          provider={provider}
          baseUrlLockedReason={readOnly ? undefined : baseUrlLock.reason}
        />
        <AuthenticationSection draft={draft} provider={provider} />
        <FeaturesSection
          config={config}
          draft={draft}
          template={template}
          provider={provider}
          readOnly={readOnly}
        />
        <MonitoringSection bind={draft.bind} />
        <ComplianceSection bind={draft.bind} />
      </div>

      {unplacedIssues.length > 0 && (
        <Box mt={2} role="alert">
          <Typography variant="subtitle2" color="error">
            Other problems
          </Typography>
          <ul>
            {unplacedIssues.map(issue => (
              <li key={`${issue.path}:${issue.message}`}>
                <Typography variant="body2" color="error">
                  {issue.path}: {issue.message}
                </Typography>
              </li>
            ))}
          </ul>
        </Box>
      )}

      {draft.requestError && (
        <InlineAlert severity="error" title="The change was refused">
          {errorMessage(draft.requestError)}
        </InlineAlert>
      )}

      <FormFooter
        problemCount={problemCount}
        changed={changed}
        version={config.metadata.version}
        readOnly={readOnly}
        previewing={flow.previewing}
        previewDisabledReason={previewDisabledReason}
        copyMenu={
          <CopyFromMenu
            config={config}
            sources={copySources}
            disabledReason={
              updateDeniedReason ??
              (copySources.length === 0
                ? 'The integration is configured in no other environment'
                : undefined)
            }
            onCopied={onCopied}
          />
        }
        onShowFirstProblem={() => showFirstProblem(formRef.current)}
        onDiscard={draft.discard}
        onPreview={flow.openPreview}
      />

      <ConfigPreviewDialog
        open={Boolean(flow.preview)}
        subject={`${config.displayName} in ${environmentLabel}`}
        version={config.metadata.version}
        changes={flow.preview?.changes ?? []}
        saving={flow.saving}
        error={flow.saveError}
        onSave={flow.save}
        onCancel={flow.cancelPreview}
      />
    </Box>
  );
}
