import {
  ERROR_SEVERITIES,
  ERROR_STATUSES,
  FAILURE_CLASSES,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  ErrorsView,
  ErrorsViewChange,
} from '../../../hooks/useErrorsPageParams';
import { EnvironmentSelect } from '../../shared/EnvironmentSelect';
import { FilterSelect } from '../../shared/FilterSelect';
import {
  ERROR_SEVERITY_LABELS,
  ERROR_STATUS_LABELS,
  ERROR_TYPE_LABELS,
} from '../errorLabels';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
  },
  integration: { width: 220 },
}));

/**
 * The environment and filters of the Errors page. The integrations offered
 * are those with errors in the environment; the one picked stays offered.
 */
export function ErrorFilters(props: {
  view: ErrorsView;
  integrations: string[];
  onChange(change: ErrorsViewChange): void;
}) {
  const { view, onChange } = props;
  const classes = useStyles();
  const integrations =
    view.integration && !props.integrations.includes(view.integration)
      ? [...props.integrations, view.integration].sort()
      : props.integrations;
  return (
    <Box className={classes.root}>
      <EnvironmentSelect
        value={view.environment}
        onChange={environment => onChange({ environment })}
      />
      <Autocomplete
        className={classes.integration}
        size="small"
        options={integrations}
        value={view.integration ?? null}
        onChange={(_event, integration) =>
          onChange({ integration: integration ?? undefined })
        }
        renderInput={input => (
          <TextField {...input} label="Integration" placeholder="All" />
        )}
      />
      <FilterSelect
        label="Status"
        value={view.status ?? ''}
        options={ERROR_STATUSES}
        labels={ERROR_STATUS_LABELS}
        onChange={status => onChange({ status: status || undefined })}
      />
      <FilterSelect
        label="Severity"
        value={view.severity ?? ''}
        options={ERROR_SEVERITIES}
        labels={ERROR_SEVERITY_LABELS}
        onChange={severity => onChange({ severity: severity || undefined })}
      />
      <FilterSelect
        label="Type"
        value={view.type ?? ''}
        options={FAILURE_CLASSES}
        labels={ERROR_TYPE_LABELS}
        onChange={type => onChange({ type: type || undefined })}
      />
      <FormControlLabel
        control={
          <Checkbox
            size="small"
            checked={view.includeSnoozed}
            onChange={event =>
              onChange({ includeSnoozed: event.target.checked })
            }
          />
        }
        label="Show snoozed"
      />
    </Box>
  );
}
