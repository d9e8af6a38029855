import {
  ENVIRONMENTS,
  Environment,
  ValidationIssue,
  WebhookEventTypeDescriptor,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { EndpointDraft, NUMERIC_SETTINGS, issuesAt } from './endpointDraft';
import { LabelledTextField } from '../../shared/LabelledTextField';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
    gap: theme.spacing(2),
  },
  group: { marginTop: theme.spacing(2) },
}));

function toggled<T>(list: readonly T[], item: T): T[] {
  return list.includes(item)
    ? list.filter(entry => entry !== item)
    : [...list, item];
}

export interface EndpointFormFieldsProps {
  draft: EndpointDraft;
  onChange(draft: EndpointDraft): void;
  /** Whether the integration is chosen here (a new endpoint) or fixed. */
  editing: boolean;
  integrations: string[];
  eventTypes: WebhookEventTypeDescriptor[];
  issues: ValidationIssue[];
  /** Why the allow-list may not be changed, or undefined when it may. */
  allowListDenied?: string;
}

/** The fields of an endpoint: where it points, what it receives, how deliveries are made. */
export function EndpointFormFields(props: EndpointFormFieldsProps) {
  const { draft, onChange, editing, integrations, eventTypes, issues } = props;
  const classes = useStyles();
  const set = (patch: Partial<EndpointDraft>) =>
    onChange({ ...draft, ...patch });
  const issue = (path: string) => issuesAt(issues, path);

  const allowList = (
    <LabelledTextField
      label="IP allow-list"
      multiline
      minRows={2}
      fullWidth
      margin="dense"
      value={draft.ipWhitelist}
      disabled={Boolean(props.allowListDenied)}
      onChange={event => set({ ipWhitelist: event.target.value })}
      error={Boolean(issue('ipWhitelist'))}
      helperText={
        issue('ipWhitelist') ??
        'One address or CIDR range per line; deliveries go only where the URL resolves inside it. Empty allows any public address.'
      }
    />
  );

  return (
    <>
      <LabelledTextField
        select
        label="Integration"
        fullWidth
        margin="dense"
        value={draft.integration}
        disabled={editing}
        onChange={event => set({ integration: event.target.value })}
        error={Boolean(issue('integration'))}
        helperText={issue('integration')}
      >
        {integrations.map(name => (
          <MenuItem key={name} value={name}>
            {name}
          </MenuItem>
        ))}
      </LabelledTextField>
      <LabelledTextField
        label="Name"
        fullWidth
        margin="dense"
        value={draft.name}
        onChange={event => set({ name: event.target.value })}
        error={Boolean(issue('name'))}
        helperText={issue('name')}
      />
      <LabelledTextField
        label="URL"
        fullWidth
        margin="dense"
        value={draft.url}
        placeholder="https://hooks.example.com/integrations"
        onChange={event => set({ url: event.target.value })}
        error={Boolean(issue('url'))}
        helperText={issue('url') ?? 'Where each event is POSTed'}
      />
      <FormControl
        component="fieldset"
        className={classes.group}
        error={Boolean(issue('events'))}
      >
        <FormLabel component="legend">Event types</FormLabel>
        <FormGroup>
          {eventTypes.map(type => (
            <Tooltip key={type.type} title={type.description} placement="right">
              <FormControlLabel
                control={
                  <Checkbox
                    size="small"
                    checked={draft.events.includes(type.type)}
                    onChange={() =>
                      set({ events: toggled(draft.events, type.type) })
                    }
                  />
                }
                label={`${type.title} (${type.type})`}
              />
            </Tooltip>
          ))}
        </FormGroup>
        {issue('events') && <FormHelperText>{issue('events')}</FormHelperText>}
      </FormControl>
      <FormControl
        component="fieldset"
        className={classes.group}
        error={Boolean(issue('environments'))}
      >
        <FormLabel component="legend">Environments</FormLabel>
        <FormGroup row>
          {ENVIRONMENTS.map((environment: Environment) => (
            <FormControlLabel
              key={environment}
              control={
                <Checkbox
                  size="small"
                  checked={draft.environments.includes(environment)}
                  onChange={() =>
                    set({
                      environments: toggled(draft.environments, environment),
                    })
                  }
                />
              }
              label={ENVIRONMENT_LABELS[environment]}
            />
          ))}
        </FormGroup>
        {issue('environments') && (
          <FormHelperText>{issue('environments')}</FormHelperText>
        )}
      </FormControl>
      <FormControl component="fieldset" className={classes.group} fullWidth>
        <FormLabel component="legend">Delivery</FormLabel>
        <Box className={classes.row}>
          {NUMERIC_SETTINGS.map(setting => {
            const path = `deliverySettings.${setting.key}`;
            return (
              <LabelledTextField
                key={setting.key}
                label={setting.label}
                type="number"
                margin="dense"
                value={draft.settings[setting.key]}
                onChange={event =>
                  set({
                    settings: {
                      ...draft.settings,
                      [setting.key]: event.target.value,
                    },
                  })
                }
                error={Boolean(issue(path))}
                helperText={issue(path) ?? setting.helperText}
              />
            );
          })}
        </Box>
        <FormControlLabel
          control={
            <Switch
              checked={draft.settings.ordered}
              onChange={event =>
                set({
                  settings: {
                    ...draft.settings,
                    ordered: event.target.checked,
                  },
                })
              }
            />
          }
          label="Ordered: one delivery at a time per integration and environment"
        />
      </FormControl>
      {props.allowListDenied ? (
        <Tooltip title={props.allowListDenied}>
          <span>{allowList}</span>
        </Tooltip>
      ) : (
        allowList
      )}
      <LabelledTextField
        label="Notes"
        multiline
        minRows={2}
        fullWidth
        margin="dense"
        value={draft.notes}
        onChange={event => set({ notes: event.target.value })}
        error={Boolean(issue('notes'))}
        helperText={issue('notes')}
      />
    </>
  );
}
