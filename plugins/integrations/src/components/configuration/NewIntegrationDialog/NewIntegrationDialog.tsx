import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  AUTH_TYPE_LABELS,
  ConfigurationTemplate,
  CreateIntegrationRequest,
  ENVIRONMENTS,
  Environment,
  INTEGRATION_CATEGORY_LABELS,
  ValidationIssue,
  createIntegrationRequestSchema,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import Link from '@material-ui/core/Link';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useId, useState, useMemo } from 'react';
import { useConfigurationTemplates } from '../../../hooks/useConfigurationTemplates';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { errorMessage, fieldIssuesOf } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import { useCreateIntegration } from '../../../hooks/useConfigurationMutations';
import { useIntegrationConfigs } from '../../../hooks/useIntegrationConfigs';
import { TemplatePicker } from './TemplatePicker';

type Field = 'template' | 'name' | 'displayName' | 'owner' | 'environments';

export interface NewIntegrationDialogProps {
  onClose(): void;
  /** The integration was created; `environment` is one it was configured in. */
  onCreated(name: string, environment: Environment): void;
}

/** Why a display name should be chosen, when the template's own is already used. */
function takenHint(
  taken: ReadonlyMap<string, ReadonlySet<string>>,
  template: ConfigurationTemplate | undefined,
  displayName: string,
): string | undefined {
  const candidate = displayName.trim() || template?.displayName;
  const users = candidate ? taken.get(candidate) : undefined;
  if (!candidate || !users) {
    return undefined;
  }
  return `"${candidate}" is already the display name of ${[...users].join(
    ', ',
  )}; choose one that tells this integration apart`;
}

/** Creates an integration from a provider template, in the environments chosen. */
export function NewIntegrationDialog(props: NewIntegrationDialogProps) {
  const { onClose, onCreated } = props;
  const createIntegration = useCreateIntegration();
  const titleId = useId();
  const fieldId = useId();
  const templates = useConfigurationTemplates();
  const existing = useIntegrationConfigs({ limit: 500 });
  const takenDisplayNames = useMemo(() => {
    const owners = new Map<string, Set<string>>();
    for (const config of existing.value?.items ?? []) {
      const names = owners.get(config.displayName) ?? new Set<string>();
      owners.set(config.displayName, names.add(config.name));
    }
    return owners;
  }, [existing.value]);

  const [template, setTemplate] = useState<ConfigurationTemplate>();
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [environments, setEnvironments] = useState<Environment[]>([
    ...ENVIRONMENTS,
  ]);
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [serverIssues, setServerIssues] = useState<ValidationIssue[]>([]);

  const request: CreateIntegrationRequest = {
    template: template?.id ?? '',
    name: name.trim(),
    displayName: displayName.trim() || undefined,
    description: description.trim() || undefined,
    owner: owner.trim(),
    environments,
  };

  const parsed = createIntegrationRequestSchema.safeParse(request);
  const clientIssues: ValidationIssue[] = parsed.success
    ? []
    : parsed.error.issues.map(issue => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      }));

  const errorsOf = (field: Field): string[] => {
    const fromServer = serverIssues
      .filter(issue => issue.path.split('.')[0] === field)
      .map(issue => issue.message);
    if (!submitted && !touched[field]) {
      return fromServer;
    }
    const local = clientIssues
      .filter(issue => issue.path.split('.')[0] === field)
      .map(issue =>
        field === 'template'
          ? 'Pick the template to start from'
          : issue.message,
      );
    return [...new Set([...local, ...fromServer])];
  };

  const touch = (field: Field) => {
    setTouched(previous => ({ ...previous, [field]: true }));
    setServerIssues(previous =>
      previous.filter(issue => issue.path.split('.')[0] !== field),
    );
  };

  const selectTemplate = (picked: ConfigurationTemplate) => {
    setTemplate(picked);
    touch('template');
    if (!touched.name) {
      setName(picked.id);
    }
    // A second "Generic HTTP API" could not be told apart from the first.
    if (!touched.displayName) {
      setDisplayName(
        takenDisplayNames.has(picked.displayName) ? '' : picked.displayName,
      );
    }
  };

  const submit = async () => {
    setSubmitted(true);
    if (clientIssues.length > 0) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const created = await createIntegration(request);
      onCreated(
        request.name,
        created[0]?.environment ?? request.environments?.[0] ?? 'development',
      );
    } catch (e) {
      setError(e as Error);
      setServerIssues(fieldIssuesOf(e as Error));
    } finally {
      setBusy(false);
    }
  };

  const fieldProps = (field: Field, hint?: string) => {
    const errors = errorsOf(field);
    return {
      error: errors.length > 0,
      helperText: errors.length > 0 ? errors.join(' · ') : hint,
    };
  };
  const templateErrors = errorsOf('template');
  const environmentErrors = errorsOf('environments');

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id={titleId}>New integration</DialogTitle>
      <DialogContent>
        {templates.loading && <Progress />}
        {templates.error && (
          <ResponseErrorPanel
            error={templates.error}
            title="The provider templates could not be loaded"
          />
        )}
        {templates.value && (
          <Grid container spacing={3}>
            <Grid item xs={12} md={5}>
              <Typography variant="subtitle2" gutterBottom>
                Template
              </Typography>
              <TemplatePicker
                templates={templates.value}
                selected={template?.id}
                onSelect={selectTemplate}
              />
              {templateErrors.length > 0 && (
                <FormHelperText error>
                  {templateErrors.join(' · ')}
                </FormHelperText>
              )}
            </Grid>
            <Grid item xs={12} md={7}>
              {template && (
                <Box mb={2} aria-label="Selected template" role="region">
                  <Typography variant="h6" component="h3">
                    {template.displayName}
                  </Typography>
                  <Typography variant="body2" paragraph>
                    {template.description}
                  </Typography>
                  <Typography variant="body2">
                    Category: {INTEGRATION_CATEGORY_LABELS[template.category]} ·
                    Authentication: {AUTH_TYPE_LABELS[template.authType]}
                  </Typography>
                  <Link
                    href={template.docsUrl}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    {template.displayName} API documentation
                  </Link>
                </Box>
              )}
              <TextField
                id={`${fieldId}-name`}
                label="Name"
                value={name}
                onChange={event => {
                  setName(event.target.value);
                  touch('name');
                }}
                required
                fullWidth
                margin="dense"
                {...fieldProps(
                  'name',
                  'Unique, lowercase, used in URLs, e.g. stripe-eu',
                )}
              />
              <TextField
                id={`${fieldId}-display-name`}
                label="Display name"
                value={displayName}
                onChange={event => {
                  setDisplayName(event.target.value);
                  touch('displayName');
                }}
                fullWidth
                margin="dense"
                {...fieldProps(
                  'displayName',
                  takenHint(takenDisplayNames, template, displayName),
                )}
              />
              <TextField
                id={`${fieldId}-description`}
                label="Description"
                value={description}
                onChange={event => setDescription(event.target.value)}
                fullWidth
                multiline
                margin="dense"
              />
              <TextField
                id={`${fieldId}-owner`}
                label="Owner group"
                value={owner}
                placeholder="group:default/payments-team"
                onChange={event => {
                  setOwner(event.target.value);
                  touch('owner');
                }}
                required
                fullWidth
                margin="dense"
                {...fieldProps(
                  'owner',
                  'Catalog group ref of the team that owns it',
                )}
              />
              <FormControl
                component="fieldset"
                margin="dense"
                error={environmentErrors.length > 0}
              >
                <FormLabel component="legend">Environments</FormLabel>
                <FormGroup row>
                  {ENVIRONMENTS.map(env => (
                    <FormControlLabel
                      key={env}
                      label={ENVIRONMENT_LABELS[env]}
                      control={
                        <Checkbox
                          checked={environments.includes(env)}
                          onChange={event => {
                            touch('environments');
                            setEnvironments(previous =>
                              ENVIRONMENTS.filter(e =>
                                e === env
                                  ? event.target.checked
                                  : previous.includes(e),
                              ),
                            );
                          }}
                        />
                      }
                    />
                  ))}
                </FormGroup>
                {environmentErrors.length > 0 && (
                  <FormHelperText>
                    {environmentErrors.join(' · ')}
                  </FormHelperText>
                )}
              </FormControl>
            </Grid>
          </Grid>
        )}
        {error && (
          <InlineAlert severity="error" title="The integration was not created">
            {errorMessage(error)}
          </InlineAlert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={busy || !templates.value}
        >
          {busy ? 'Creating…' : 'Create'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
