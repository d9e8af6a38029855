import {
  AutomatedFixKind,
  ErrorPattern,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useErrorPermissions } from '../../../hooks/useErrorPermissions';
import { useErrorTriage } from '../../../hooks/useErrorTriage';
import { absoluteTime } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { FormError } from '../../credentials/CredentialsPanel/FormError';
import { ActionButton } from '../../shared/ActionButton';

/** What each fix does, in the words of the page. */
export const AUTOMATED_FIX_LABELS: Record<AutomatedFixKind, string> = {
  refresh_token: 'Refresh the OAuth access token',
  rerun_test: 'Run the connection test again',
  pause_checks: 'Pause the health checks',
  raise_rate_limit_buffer: 'Raise the rate-limit buffer by 10 points',
};

/**
 * The group's automated fix: what it is, whether it runs by itself with new
 * events, when it last ran, and a button to run it now. Only for those with
 * the automated-fix permission; others see what it is and why they cannot.
 */
export function AutomatedFixSection(props: {
  pattern: ErrorPattern;
  onChanged(): void;
}) {
  const { pattern, onChanged } = props;
  const { fixDeniedReason } = useErrorPermissions(
    pattern.integration,
    pattern.environment,
  );
  const response = pattern.automatedResponse;
  const [fix] = response.actions;
  const [toggleState, toggle] = useErrorTriage(
    (api, enabled: boolean) => api.setAutomatedFix(pattern.patternId, enabled),
    onChanged,
  );
  const [runState, run] = useErrorTriage(
    api => api.runAutomatedFix(pattern.patternId),
    onChanged,
  );
  if (!fix) {
    return (
      <Typography variant="body2" color="textSecondary">
        No automated fix suits this error.
      </Typography>
    );
  }
  const failure = toggleState.error ?? runState.error;
  const busy = toggleState.loading || runState.loading;
  const toggleControl = (
    <FormControlLabel
      control={
        <Switch
          checked={response.enabled}
          disabled={Boolean(fixDeniedReason) || busy}
          onChange={event => toggle(event.target.checked)}
          color="primary"
        />
      }
      label={`Run by itself with new events, at most every ${response.escalationThreshold} minutes`}
    />
  );
  return (
    <Box>
      <Typography variant="body2">{AUTOMATED_FIX_LABELS[fix]}</Typography>
      {fixDeniedReason ? (
        <Tooltip title={fixDeniedReason}>
          <span>{toggleControl}</span>
        </Tooltip>
      ) : (
        toggleControl
      )}
      <Typography variant="body2" color="textSecondary">
        {response.lastRunAt
          ? `Last ran ${absoluteTime(
              response.lastRunAt,
            )}; the history says what it did.`
          : 'Has not run yet.'}
      </Typography>
      <Box mt={1}>
        <ActionButton
          size="small"
          variant="outlined"
          disabledReason={fixDeniedReason}
          disabled={busy}
          onClick={() => run()}
        >
          Run the fix now
        </ActionButton>
      </Box>
      <FormError message={failure ? errorMessage(failure) : undefined} />
    </Box>
  );
}
