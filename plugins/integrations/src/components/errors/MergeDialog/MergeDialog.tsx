import { Progress } from '@backstage/core-components';
import {
  ERRORS_PAGE_LIMIT,
  ErrorPattern,
} from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useId, useState } from 'react';
import { useErrorPatterns } from '../../../hooks/useErrorPatterns';
import { useErrorTriage } from '../../../hooks/useErrorTriage';
import { ENVIRONMENT_LABELS, relativeTime } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { FormError } from '../../credentials/CredentialsPanel/FormError';
import { ERROR_STATUS_LABELS } from '../errorLabels';

/**
 * Merges other groups of the same integration and environment into this
 * one: their events, and every later event that matches them, land here.
 */
export function MergeDialog(props: {
  pattern: ErrorPattern;
  onMerged(pattern: ErrorPattern): void;
  onCancel(): void;
}) {
  const { pattern, onMerged, onCancel } = props;
  const titleId = useId();
  const candidates = useErrorPatterns({
    integration: pattern.integration,
    environment: pattern.environment,
    includeSnoozed: 'true',
    limit: ERRORS_PAGE_LIMIT,
  });
  const others = (candidates.value?.items ?? []).filter(
    other => other.patternId !== pattern.patternId,
  );
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [state, merge] = useErrorTriage(
    (api, patternIds: string[]) =>
      api.mergeErrorPatterns(pattern.patternId, patternIds),
    onMerged,
  );
  const toggle = (patternId: string) => {
    const next = new Set(chosen);
    if (!next.delete(patternId)) {
      next.add(patternId);
    }
    setChosen(next);
  };

  return (
    <Dialog
      open
      onClose={onCancel}
      aria-labelledby={titleId}
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id={titleId}>Merge into “{pattern.name}”</DialogTitle>
      <DialogContent>
        <Typography variant="body2">
          Pick the groups of {pattern.integration} in{' '}
          {ENVIRONMENT_LABELS[pattern.environment].toLowerCase()} that have the
          same cause. Their events, and later events like them, join this group;
          unmerge one to make it stand alone again.
        </Typography>
        {candidates.loading && !candidates.value && <Progress />}
        {candidates.error && (
          <FormError
            message={`The other groups could not be loaded: ${errorMessage(
              candidates.error,
            )}`}
          />
        )}
        {candidates.value && others.length === 0 && (
          <Typography color="textSecondary" style={{ marginTop: 16 }}>
            {pattern.integration} has no other error group in this environment.
          </Typography>
        )}
        {others.length > 0 && (
          <List dense aria-label="Groups to merge">
            {others.map(other => (
              <ListItem
                key={other.patternId}
                button
                onClick={() => toggle(other.patternId)}
              >
                <ListItemIcon>
                  <Checkbox
                    edge="start"
                    checked={chosen.has(other.patternId)}
                    tabIndex={-1}
                    inputProps={{ 'aria-label': `Merge ${other.name}` }}
                  />
                </ListItemIcon>
                <ListItemText
                  primary={other.name}
                  secondary={`${
                    ERROR_STATUS_LABELS[other.status]
                  } · ${other.occurrences.toLocaleString(
                    'en-US',
                  )} events · last seen ${relativeTime(other.lastSeen)}`}
                />
              </ListItem>
            ))}
          </List>
        )}
        {candidates.value &&
          candidates.value.totalCount > candidates.value.items.length && (
            <Typography variant="caption" color="textSecondary">
              The {ERRORS_PAGE_LIMIT} most recently seen groups are listed.
            </Typography>
          )}
        <FormError message={state.error && errorMessage(state.error)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={state.loading}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          disabled={state.loading || chosen.size === 0}
          onClick={() => merge([...chosen])}
        >
          {chosen.size > 1 ? `Merge ${chosen.size} groups` : 'Merge'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
