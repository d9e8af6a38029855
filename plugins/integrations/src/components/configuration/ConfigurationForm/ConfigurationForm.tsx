import { useApi } from '@backstage/core-plugin-api';
import {
  ALERT_KINDS,
  AUTH_TYPE_LABELS,
  ConfigurationTemplate,
  CopyConfigResponse,
  FieldChange,
  IntegrationConfig,
  IntegrationSettings,
  LOGGING_LEVELS,
  TokenRefreshSettings,
  UpdateConfigRequest,
  ValidationIssue,
  getProvider,
  settingsOf,
  validateIntegrationSettings,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { integrationsApiRef } from '../../../api';
import { ENVIRONMENT_LABELS, relativeTime, shortRef } from '../../../labels';
import {
  errorMessage,
  fieldIssuesOf,
  isConflict,
} from '../../../requestErrors';
import { changedSettings, withSetting } from '../../../settingsDraft';
import { ActionButton } from '../../shared/ActionButton';
import { ConfigPreviewDialog } from '../ConfigPreviewDialog';
import { InlineAlert } from '../../shared/InlineAlert';
import { CopyFromEnvironmentDialog } from '../CopyFromEnvironmentDialog';
import { ProviderSettingsForm } from '../ProviderSettingsForm';
import {
  BoundSetting,
  CheckboxGroupSetting,
  JsonObjectSetting,
  ListSetting,
  MultiSelectSetting,
  NumberSetting,
  SelectSetting,
  SwitchSetting,
  TextSetting,
} from './SettingFields';

const FEATURE_SETTINGS_PATH = 'featureConfig.featureSettings';

/** Every path the form has a field for; problems elsewhere are listed above the actions. */
const FIELD_PATHS = [
  'displayName',
  'description',
  'enabled',
  'owner',
  'dependencies',
  'connectionConfig.baseUrl',
  'connectionConfig.apiVersion',
  'connectionConfig.timeout',
  'connectionConfig.retryAttempts',
  'connectionConfig.rateLimitBuffer',
  'authConfig.scopes',
  'authConfig.tokenRefreshSettings',
  'featureConfig.enabledFeatures',
  FEATURE_SETTINGS_PATH,
  'featureConfig.customSettings',
  'monitoringConfig.healthCheckInterval',
  'monitoringConfig.alertThresholds.errorRate',
  'monitoringConfig.alertThresholds.responseTime',
  'monitoringConfig.alertThresholds.uptime',
  'monitoringConfig.enabledAlerts',
  'monitoringConfig.notificationChannels',
  'complianceConfig.dataRetentionDays',
  'complianceConfig.loggingLevel',
  'complianceConfig.auditEnabled',
  'complianceConfig.encryptionRequired',
];

const ALERT_LABELS: Record<(typeof ALERT_KINDS)[number], string> = {
  error_rate: 'Error rate',
  response_time: 'Response time',
  uptime: 'Uptime',
  credential_expiry: 'Credential expiry',
  rate_limit: 'Rate limit',
};

const ALERT_OPTIONS = ALERT_KINDS.map(kind => ({
  value: kind,
  label: ALERT_LABELS[kind],
}));

const LOGGING_LEVEL_OPTIONS = LOGGING_LEVELS.map(level => ({
  value: level,
  label: level,
}));

const useStyles = makeStyles(theme => ({
  section: {
    marginTop: theme.spacing(3),
  },
  actions: {
    position: 'sticky',
    bottom: 0,
    zIndex: 1,
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 0),
    marginTop: theme.spacing(2),
    background: theme.palette.background.paper,
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  status: {
    flexGrow: 1,
  },
}));

function isAt(issue: ValidationIssue, path: string) {
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

function Section(props: { title: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Box className={classes.section} component="section">
      <Typography variant="h6" component="h3">
        {props.title}
      </Typography>
      <Grid container spacing={2}>
        {props.children}
      </Grid>
    </Box>
  );
}

function Cell(props: { wide?: boolean; children: ReactNode }) {
  return (
    <Grid item xs={12} md={props.wide ? 12 : 6}>
      {props.children}
    </Grid>
  );
}

interface Preview {
  request: UpdateConfigRequest;
  changes: FieldChange[];
}

interface Conflict {
  error: Error;
  /** The configuration as it is now saved, when it could be read. */
  current?: IntegrationConfig;
}

function isNewer(current: IntegrationConfig, edited: IntegrationConfig) {
  return current.metadata.version > edited.metadata.version;
}

function conflictTitle(conflict: Conflict, edited: IntegrationConfig) {
  const { current } = conflict;
  if (current?.deleted) {
    return `${edited.displayName} was deleted while you edited it`;
  }
  if (current && isNewer(current, edited)) {
    return `Someone saved version ${current.metadata.version} first`;
  }
  return 'The saved configuration changed while you edited it';
}

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
  const {
    config,
    template,
    dependencyGraph,
    copySources,
    updateDeniedReason,
    onSaved,
    onCopied,
    onReload,
  } = props;
  const classes = useStyles();
  const api = useApi(integrationsApiRef);
  const saved = useMemo(() => settingsOf(config), [config]);
  const provider = useMemo(() => getProvider(config.provider), [config]);
  const environmentLabel = ENVIRONMENT_LABELS[config.environment];

  const dependencyOptions = useMemo(
    () => [...dependencyGraph.keys()],
    [dependencyGraph],
  );
  const featureOptions = useMemo(
    () =>
      (template?.features ?? provider?.features ?? []).map(feature => ({
        value: feature.id,
        label: feature.label,
        description: feature.description,
      })),
    [template, provider],
  );

  const [draft, setDraft] = useState<IntegrationSettings>(saved);
  const [revision, setRevision] = useState(0);
  const [customSettingsError, setCustomSettingsError] = useState<string>();
  const [serverIssues, setServerIssues] = useState<ValidationIssue[]>([]);
  const [requestError, setRequestError] = useState<Error>();
  const [previewing, setPreviewing] = useState(false);
  const [preview, setPreview] = useState<Preview>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<Error>();
  const [conflict, setConflict] = useState<Conflict>();
  const [copyMenuAnchor, setCopyMenuAnchor] = useState<HTMLElement | null>(
    null,
  );
  const [copySource, setCopySource] = useState<IntegrationConfig>();
  const [copying, setCopying] = useState(false);
  const [copyError, setCopyError] = useState<Error>();

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
  const problemCount = issues.length + (customSettingsError ? 1 : 0);
  const changes = changedSettings(saved, draft);
  const changed = Object.keys(changes).length > 0;
  const readOnly = Boolean(updateDeniedReason);

  const change = useCallback((path: string, value: unknown) => {
    setDraft(previous => withSetting(previous, path, value));
    setServerIssues(previous => (previous.length > 0 ? [] : previous));
  }, []);
  const changeFeatureSettings = useCallback(
    (value: Record<string, unknown>) => change(FEATURE_SETTINGS_PATH, value),
    [change],
  );

  const changeHandlers = useRef(new Map<string, (value: any) => void>());
  const changeHandlerFor = (path: string) => {
    let handler = changeHandlers.current.get(path);
    if (!handler) {
      handler = (value: unknown) => change(path, value);
      changeHandlers.current.set(path, handler);
    }
    return handler;
  };

  const bind = <T,>(path: string): BoundSetting<T> => ({
    value: getSetting(draft, path) as T,
    onChange: changeHandlerFor(path),
    errors: issues.filter(issue => isAt(issue, path)).map(i => i.message),
    disabled: readOnly,
  });

  const tokenRefresh: TokenRefreshSettings = draft.authConfig
    .tokenRefreshSettings ?? {
    enabled: false,
    refreshBeforeExpirySeconds: 300,
  };
  const setTokenRefresh = (next: Partial<TokenRefreshSettings>) =>
    bind<TokenRefreshSettings>('authConfig.tokenRefreshSettings').onChange({
      ...tokenRefresh,
      ...next,
    });

  const unplacedIssues = issues.filter(
    issue => !FIELD_PATHS.some(path => isAt(issue, path)),
  );
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

  const handleFailure = async (error: Error) => {
    if (isConflict(error)) {
      const current = await api
        .getConfig(config.name, config.environment)
        .then(configs => configs[0])
        .catch(() => undefined);
      setPreview(undefined);
      setConflict({ error, current });
      return;
    }
    setServerIssues(fieldIssuesOf(error));
    setRequestError(error);
  };

  const openPreview = async () => {
    const request: UpdateConfigRequest = {
      version: config.metadata.version,
      ...changes,
    };
    setPreviewing(true);
    setRequestError(undefined);
    try {
      const result = await api.updateConfig(
        config.name,
        config.environment,
        request,
        { dryRun: true },
      );
      setSaveError(undefined);
      setPreview({ request, changes: result.changes });
    } catch (error) {
      await handleFailure(error as Error);
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
      const result = await api.updateConfig(config.name, config.environment, {
        ...preview.request,
        ...(notes ? { notes } : {}),
      });
      setPreview(undefined);
      onSaved(result.config);
    } catch (error) {
      if (isConflict(error as Error)) {
        await handleFailure(error as Error);
      } else {
        setServerIssues(fieldIssuesOf(error as Error));
        setSaveError(error as Error);
      }
    } finally {
      setSaving(false);
    }
  };

  const copy = async () => {
    if (!copySource) {
      return;
    }
    setCopying(true);
    setCopyError(undefined);
    try {
      const result = await api.copyConfig(config.name, {
        from: copySource.environment,
        to: config.environment,
      });
      setCopySource(undefined);
      onCopied(result, copySource);
    } catch (error) {
      setCopyError(error as Error);
    } finally {
      setCopying(false);
    }
  };

  let previewDisabledReason = updateDeniedReason;
  if (!previewDisabledReason && problemCount > 0) {
    previewDisabledReason = `Fix ${problemCount} ${
      problemCount === 1 ? 'problem' : 'problems'
    } first`;
  } else if (!previewDisabledReason && !changed) {
    previewDisabledReason = 'Nothing has changed yet';
  }

  const copyDisabledReason =
    updateDeniedReason ??
    (copySources.length === 0
      ? 'The integration is configured in no other environment'
      : undefined);

  return (
    <Box>
      {updateDeniedReason && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Read only: {updateDeniedReason}.
        </Typography>
      )}

      {conflict && (
        <InlineAlert
          severity="error"
          title={conflictTitle(conflict, config)}
          action={
            <Button
              color="primary"
              variant="outlined"
              onClick={() => {
                setConflict(undefined);
                onReload();
              }}
            >
              Reload
            </Button>
          }
        >
          {conflict.current && isNewer(conflict.current, config) && (
            <p>
              {shortRef(conflict.current.metadata.updatedBy)} saved version{' '}
              {conflict.current.metadata.version}{' '}
              {relativeTime(conflict.current.metadata.lastUpdated)}, while your
              changes are based on version {config.metadata.version}.
            </p>
          )}
          <p>
            Reload to continue from the saved version; your unsaved changes will
            be lost.
          </p>
          <p>{errorMessage(conflict.error)}</p>
        </InlineAlert>
      )}

      <Box key={revision}>
        <Section title="General">
          <Cell>
            <TextSetting
              label="Display name"
              required
              {...bind<string>('displayName')}
            />
          </Cell>
          <Cell>
            <TextSetting
              label="Owner"
              helperText="Catalog group ref, e.g. group:default/payments-team"
              {...bind<string>('owner')}
            />
          </Cell>
          <Cell wide>
            <TextSetting
              label="Description"
              multiline
              {...bind<string | undefined>('description')}
            />
          </Cell>
          <Cell>
            <SwitchSetting
              label="Enabled"
              helperText="A disabled integration is neither called nor checked"
              {...bind<boolean>('enabled')}
            />
          </Cell>
          <Cell>
            <MultiSelectSetting
              label="Depends on"
              options={dependencyOptions}
              helperText={`Integrations configured in ${environmentLabel.toLowerCase()} that this one needs`}
              {...bind<string[]>('dependencies')}
            />
          </Cell>
        </Section>

        <Section title="Connection">
          <Cell wide>
            <TextSetting
              label="Base URL"
              helperText={
                provider ? `Default: ${provider.defaultBaseUrl}` : undefined
              }
              {...bind<string>('connectionConfig.baseUrl')}
            />
          </Cell>
          <Cell>
            <TextSetting
              label="API version"
              {...bind<string | undefined>('connectionConfig.apiVersion')}
            />
          </Cell>
          <Cell>
            <NumberSetting
              label="Timeout (ms)"
              {...bind<number>('connectionConfig.timeout')}
            />
          </Cell>
          <Cell>
            <NumberSetting
              label="Retry attempts"
              {...bind<number>('connectionConfig.retryAttempts')}
            />
          </Cell>
          <Cell>
            <NumberSetting
              label="Rate-limit buffer"
              helperText="Share of the provider's rate limit kept in reserve, 0 to 0.9"
              {...bind<number>('connectionConfig.rateLimitBuffer')}
            />
          </Cell>
        </Section>

        <Section title="Authentication">
          <Cell wide>
            <Typography variant="body2">
              {AUTH_TYPE_LABELS[draft.authConfig.type]}
              {provider && `, as ${provider.displayName} requires`}. Credentials
              are kept in the credential vault, not in this configuration.
            </Typography>
          </Cell>
          <Cell wide>
            <ListSetting
              label="Scopes"
              {...bind<string[]>('authConfig.scopes')}
            />
          </Cell>
          {draft.authConfig.type === 'oauth2' && (
            <>
              <Cell>
                <SwitchSetting
                  label="Refresh access tokens"
                  {...bind<boolean>('authConfig.tokenRefreshSettings.enabled')}
                  value={tokenRefresh.enabled}
                  onChange={enabled => setTokenRefresh({ enabled })}
                />
              </Cell>
              <Cell>
                <NumberSetting
                  label="Refresh before expiry (seconds)"
                  {...bind<number>(
                    'authConfig.tokenRefreshSettings.refreshBeforeExpirySeconds',
                  )}
                  value={tokenRefresh.refreshBeforeExpirySeconds}
                  onChange={refreshBeforeExpirySeconds =>
                    setTokenRefresh({ refreshBeforeExpirySeconds })
                  }
                />
              </Cell>
            </>
          )}
        </Section>

        <Section title="Features">
          <Cell wide>
            <CheckboxGroupSetting
              label="Enabled features"
              options={featureOptions}
              {...bind<string[]>('featureConfig.enabledFeatures')}
            />
          </Cell>
          <Cell wide>
            <Typography variant="subtitle1" component="h4">
              {template?.displayName ?? config.provider} settings
            </Typography>
            {template ? (
              <ProviderSettingsForm
                schema={template.settingsSchema}
                value={draft.featureConfig.featureSettings}
                onChange={changeFeatureSettings}
                issues={featureSettingsIssues}
                disabled={readOnly}
              />
            ) : (
              <Typography variant="body2" color="textSecondary">
                There is no template for the provider "{config.provider}", so
                its settings cannot be edited here.
              </Typography>
            )}
          </Cell>
          <Cell wide>
            <JsonObjectSetting
              label="Custom settings (JSON)"
              helperText="The company's own settings, as a JSON object"
              onParseError={setCustomSettingsError}
              {...bind<Record<string, unknown>>('featureConfig.customSettings')}
            />
          </Cell>
        </Section>

        <Section title="Monitoring">
          <Cell>
            <NumberSetting
              label="Health check interval (seconds)"
              {...bind<number>('monitoringConfig.healthCheckInterval')}
            />
          </Cell>
          <Cell>
            <NumberSetting
              label="Error rate alert (%)"
              {...bind<number>('monitoringConfig.alertThresholds.errorRate')}
            />
          </Cell>
          <Cell>
            <NumberSetting
              label="Response time alert (ms)"
              {...bind<number>('monitoringConfig.alertThresholds.responseTime')}
            />
          </Cell>
          <Cell>
            <NumberSetting
              label="Uptime alert (%)"
              {...bind<number>('monitoringConfig.alertThresholds.uptime')}
            />
          </Cell>
          <Cell wide>
            <CheckboxGroupSetting
              label="Alerts"
              options={ALERT_OPTIONS}
              {...bind<string[]>('monitoringConfig.enabledAlerts')}
            />
          </Cell>
          <Cell wide>
            <ListSetting
              label="Notification channels"
              helperText="e.g. email:payments@acme.example, group:default/payments-team; separate with commas"
              {...bind<string[]>('monitoringConfig.notificationChannels')}
            />
          </Cell>
        </Section>

        <Section title="Compliance">
          <Cell>
            <NumberSetting
              label="Data retention (days)"
              {...bind<number>('complianceConfig.dataRetentionDays')}
            />
          </Cell>
          <Cell>
            <SelectSetting
              label="Logging level"
              options={LOGGING_LEVEL_OPTIONS}
              {...bind<(typeof LOGGING_LEVELS)[number]>(
                'complianceConfig.loggingLevel',
              )}
            />
          </Cell>
          <Cell>
            <SwitchSetting
              label="Audit enabled"
              {...bind<boolean>('complianceConfig.auditEnabled')}
            />
          </Cell>
          <Cell>
            <SwitchSetting
              label="Encryption required"
              {...bind<boolean>('complianceConfig.encryptionRequired')}
            />
          </Cell>
        </Section>
      </Box>

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

      {requestError && (
        <InlineAlert severity="error" title="The change was refused">
          {errorMessage(requestError)}
        </InlineAlert>
      )}

      <Box className={classes.actions}>
        <Typography variant="body2" className={classes.status}>
          {problemCount > 0 &&
            `${problemCount} ${
              problemCount === 1 ? 'problem' : 'problems'
            } to fix`}
          {problemCount === 0 &&
            (changed
              ? 'Unsaved changes'
              : `Version ${config.metadata.version}`)}
        </Typography>
        <ActionButton
          onClick={event => setCopyMenuAnchor(event.currentTarget)}
          disabledReason={copyDisabledReason}
          aria-haspopup="menu"
        >
          Copy from…
        </ActionButton>
        <Menu
          anchorEl={copyMenuAnchor}
          open={Boolean(copyMenuAnchor)}
          onClose={() => setCopyMenuAnchor(null)}
        >
          {copySources.map(source => (
            <MenuItem
              key={source.environment}
              onClick={() => {
                setCopyMenuAnchor(null);
                setCopyError(undefined);
                setCopySource(source);
              }}
            >
              {ENVIRONMENT_LABELS[source.environment]} (version{' '}
              {source.metadata.version})
            </MenuItem>
          ))}
        </Menu>
        <Button
          onClick={() => {
            setDraft(saved);
            setRevision(previous => previous + 1);
            setCustomSettingsError(undefined);
            setServerIssues([]);
            setRequestError(undefined);
          }}
          disabled={!changed || readOnly}
        >
          Discard changes
        </Button>
        <ActionButton
          color="primary"
          variant="contained"
          onClick={openPreview}
          disabled={previewing}
          disabledReason={previewDisabledReason}
        >
          {previewing ? 'Preparing preview…' : 'Preview'}
        </ActionButton>
      </Box>

      <ConfigPreviewDialog
        open={Boolean(preview)}
        subject={`${config.displayName} in ${environmentLabel}`}
        version={config.metadata.version}
        changes={preview?.changes ?? []}
        saving={saving}
        error={saveError}
        onSave={save}
        onCancel={() => setPreview(undefined)}
      />

      {copySource && (
        <CopyFromEnvironmentDialog
          source={copySource}
          target={config}
          busy={copying}
          error={copyError}
          onConfirm={copy}
          onCancel={() => setCopySource(undefined)}
        />
      )}
    </Box>
  );
}
