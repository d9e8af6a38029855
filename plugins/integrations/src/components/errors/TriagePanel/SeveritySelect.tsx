import {
  ERROR_SEVERITIES,
  ErrorPattern,
  ErrorSeverity,
} from '@internal/plugin-integrations-common';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useId } from 'react';
import { useErrorTriage } from '../../../hooks/useErrorTriage';
import { errorMessage } from '../../../requestErrors';
import { FormError } from '../../credentials/CredentialsPanel/FormError';
import { ERROR_SEVERITY_LABELS } from '../errorLabels';
import { SeverityChip } from '../SeverityChip';

const COMPUTED = 'computed';

/**
 * The group's severity, why it is what it is, and a choice to set it by
 * hand or go back to the one computed from its impact.
 */
export function SeveritySelect(props: {
  pattern: ErrorPattern;
  deniedReason?: string;
  onChanged(pattern: ErrorPattern): void;
}) {
  const { pattern, deniedReason, onChanged } = props;
  const labelId = useId();
  const [state, setSeverity] = useErrorTriage(
    (api, severity: ErrorSeverity | null) =>
      api.setErrorPatternSeverity(pattern.patternId, severity),
    onChanged,
  );
  const select = (
    <FormControl
      size="small"
      fullWidth
      disabled={Boolean(deniedReason) || state.loading}
    >
      <InputLabel id={labelId}>Severity</InputLabel>
      <Select
        labelId={labelId}
        value={pattern.severityOverridden ? pattern.severity : COMPUTED}
        onChange={event => {
          const value = event.target.value as ErrorSeverity | typeof COMPUTED;
          setSeverity(value === COMPUTED ? null : value);
        }}
      >
        <MenuItem value={COMPUTED}>Computed from impact</MenuItem>
        {ERROR_SEVERITIES.map(severity => (
          <MenuItem key={severity} value={severity}>
            {ERROR_SEVERITY_LABELS[severity]}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
  return (
    <>
      <SeverityChip severity={pattern.severity} />
      <Typography variant="body2" color="textSecondary" paragraph>
        {pattern.severityOverridden
          ? `Set by hand. Computed from impact: ${pattern.severityReason}`
          : pattern.severityReason}
      </Typography>
      {deniedReason ? (
        <Tooltip title={deniedReason}>
          <span>{select}</span>
        </Tooltip>
      ) : (
        select
      )}
      <FormError message={state.error && errorMessage(state.error)} />
    </>
  );
}
