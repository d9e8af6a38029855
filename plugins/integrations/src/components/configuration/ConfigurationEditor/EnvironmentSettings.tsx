import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  CopyConfigResponse,
  Environment,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import { useConfigurationTemplates } from '../../../hooks/useConfigurationTemplates';
import { useDependencyGraph } from '../../../hooks/useDependencyGraph';
import { useIntegrationPermissions } from '../../../hooks/useIntegrationPermissions';
import { EditorSection } from '../../../hooks/useIntegrationsPageParams';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { CredentialsPanel } from '../../credentials/CredentialsPanel';
import { EncryptionPanel } from '../../credentials/EncryptionPanel';
import { IntegrationTestsPanel } from '../../testing/IntegrationTestsPanel';
import { ConfigurationForm } from '../ConfigurationForm';
import { VersionHistory } from '../VersionHistory';

export interface Notice {
  message: string;
  details?: string[];
  /** Said briefly at the bottom of the screen as well, where the user is looking. */
  toast?: string;
}

function copyNotice(
  result: CopyConfigResponse,
  from: Environment,
  to: Environment,
): Notice {
  return {
    message: `Copied ${ENVIRONMENT_LABELS[from]} into ${ENVIRONMENT_LABELS[to]} as version ${result.config.metadata.version}.`,
    details: result.notCopied.map(
      item => `Not copied: ${item.field}, ${item.reason}`,
    ),
  };
}

/** One environment's section of the editor: settings, history, credentials or tests. */
export function EnvironmentSettings(props: {
  config: IntegrationConfig;
  configs: IntegrationConfig[];
  section: EditorSection;
  onChanged(notice: Notice): void;
  onReload(): void;
}) {
  const { config, configs, section, onChanged, onReload } = props;
  const { name, environment } = config;
  const templates = useConfigurationTemplates();
  const graph = useDependencyGraph(name, environment);
  const permissions = useIntegrationPermissions(name, environment);
  const deletedReason = config.deleted
    ? `${name} is deleted; restore it to change it`
    : undefined;
  const updateDeniedReason = deletedReason ?? permissions.updateDeniedReason;

  if (section === 'credentials') {
    return (
      <>
        <EncryptionPanel />
        <Box mt={2}>
          <CredentialsPanel
            key={environment}
            name={name}
            environment={environment}
            unavailableReason={deletedReason}
          />
        </Box>
      </>
    );
  }

  if (section === 'tests') {
    return (
      <IntegrationTestsPanel
        key={environment}
        name={name}
        environment={environment}
        unavailableReason={deletedReason}
      />
    );
  }

  if (section === 'history') {
    return (
      <VersionHistory
        key={`${environment}:${config.metadata.version}`}
        name={name}
        environment={environment}
        currentVersion={config.metadata.version}
        updateDeniedReason={updateDeniedReason}
        onRolledBack={rolledBack =>
          onChanged({
            message: `Rolled back: version ${rolledBack.metadata.version} is now current.`,
          })
        }
      />
    );
  }

  if (graph.loading || templates.loading) {
    return <Progress />;
  }
  if (graph.error) {
    return <ResponseErrorPanel error={graph.error} />;
  }

  return (
    <>
      {templates.error && (
        <ResponseErrorPanel
          error={templates.error}
          title="The provider templates could not be loaded"
        />
      )}
      <ConfigurationForm
        key={`${environment}:${config.metadata.version}`}
        config={config}
        template={templates.value?.find(t => t.id === config.provider)}
        dependencyGraph={graph.value ?? new Map()}
        copySources={configs.filter(c => c.environment !== environment)}
        updateDeniedReason={updateDeniedReason}
        onSaved={savedConfig =>
          onChanged({
            message: `Saved version ${
              savedConfig.metadata.version
            } of the ${ENVIRONMENT_LABELS[
              environment
            ].toLowerCase()} configuration.`,
            toast: `Saved version ${savedConfig.metadata.version}`,
          })
        }
        onCopied={(result, source) =>
          onChanged(copyNotice(result, source.environment, environment))
        }
        onReload={onReload}
      />
    </>
  );
}
