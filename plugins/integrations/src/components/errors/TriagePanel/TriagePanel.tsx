import {
  ErrorPattern,
  ErrorPatternDetail,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Divider from '@material-ui/core/Divider';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useState } from 'react';
import { PatternTriageStatus } from '../../../api';
import { useErrorPermissions } from '../../../hooks/useErrorPermissions';
import { useErrorTriage } from '../../../hooks/useErrorTriage';
import { absoluteTime, shortRef } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { FormError } from '../../credentials/CredentialsPanel/FormError';
import { ActionButton } from '../../shared/ActionButton';
import { ConfirmationDialog } from '../../shared/ConfirmationDialog';
import { AutomatedFixSection } from '../AutomatedFixSection';
import { MergeDialog } from '../MergeDialog';
import { ResolveDialog } from '../ResolveDialog';
import { SnoozeDialog } from '../SnoozeDialog';
import {
  ERROR_STATUS_LABELS,
  RESOLUTION_LABELS,
  snoozeConditions,
} from '../errorLabels';
import { SeveritySelect } from './SeveritySelect';

const useStyles = makeStyles(theme => ({
  buttons: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  divider: { margin: theme.spacing(2, 0) },
  measures: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
}));

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={props.title}>
      <Typography variant="subtitle2" component="h4" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

type OpenDialog = 'resolve' | 'snooze' | 'merge' | { unmerge: string };

/**
 * Where the group stands and what the user may do about it: set its status,
 * resolve it, set its severity, snooze or wake it, merge and unmerge groups.
 * A control the user may not use stays, disabled, naming the permission.
 */
export function TriagePanel(props: {
  pattern: ErrorPatternDetail;
  onChanged(): void;
}) {
  const { pattern, onChanged } = props;
  const classes = useStyles();
  const { triageDeniedReason, categorizeDeniedReason } = useErrorPermissions(
    pattern.integration,
    pattern.environment,
  );
  const [dialog, setDialog] = useState<OpenDialog>();
  const done = (_changed: ErrorPattern) => {
    setDialog(undefined);
    onChanged();
  };
  const [statusState, setStatus] = useErrorTriage(
    (api, status: PatternTriageStatus) =>
      api.setErrorPatternStatus(pattern.patternId, status),
    onChanged,
  );
  const [wakeState, wake] = useErrorTriage(
    api => api.wakeErrorPattern(pattern.patternId),
    onChanged,
  );
  const [unmergeState, unmerge] = useErrorTriage(
    (api, mergedPatternId: string) =>
      api.unmergeErrorPattern(pattern.patternId, mergedPatternId),
    done,
  );

  // The backend resolves a group through one of its events.
  const eventToResolve = pattern.recentErrors[0]?.id;
  const resolveDeniedReason =
    triageDeniedReason ??
    (eventToResolve
      ? undefined
      : 'No event of this group is kept to resolve it through');
  const { status, resolution } = pattern;
  const unmerging =
    typeof dialog === 'object'
      ? pattern.mergedPatterns.find(group => group.patternId === dialog.unmerge)
      : undefined;
  const busy = statusState.loading;

  return (
    <Card>
      <CardContent>
        <Section title="Status">
          <Typography variant="h6" component="p">
            {ERROR_STATUS_LABELS[status] ?? status}
          </Typography>
          {status === 'resolved' && (
            <>
              <Typography variant="body2" color="textSecondary">
                {RESOLUTION_LABELS[resolution.status]}
                {resolution.resolvedBy &&
                  ` by ${shortRef(resolution.resolvedBy)}`}
                {resolution.resolvedAt &&
                  ` on ${absoluteTime(resolution.resolvedAt)}`}
              </Typography>
              {resolution.resolution && (
                <Typography variant="body2">{resolution.resolution}</Typography>
              )}
              {resolution.preventionMeasures?.length ? (
                <Typography
                  variant="body2"
                  component="ul"
                  aria-label="Prevention measures"
                  className={classes.measures}
                >
                  {resolution.preventionMeasures.map((measure, index) => (
                    <li key={index}>{measure}</li>
                  ))}
                </Typography>
              ) : null}
            </>
          )}
          <Box className={classes.buttons}>
            {status !== 'investigating' && (
              <ActionButton
                size="small"
                variant="outlined"
                disabled={busy}
                disabledReason={triageDeniedReason}
                onClick={() => setStatus('investigating')}
              >
                Investigating
              </ActionButton>
            )}
            {status !== 'resolved' && (
              <ActionButton
                size="small"
                variant="contained"
                color="primary"
                disabled={busy}
                disabledReason={resolveDeniedReason}
                onClick={() => setDialog('resolve')}
              >
                Resolve…
              </ActionButton>
            )}
            {status !== 'false_positive' && (
              <ActionButton
                size="small"
                variant="outlined"
                disabled={busy}
                disabledReason={triageDeniedReason}
                onClick={() => setStatus('false_positive')}
              >
                False positive
              </ActionButton>
            )}
            {status !== 'open' && (
              <ActionButton
                size="small"
                variant="outlined"
                disabled={busy}
                disabledReason={triageDeniedReason}
                onClick={() => setStatus('open')}
              >
                {status === 'investigating' ? 'Back to open' : 'Reopen'}
              </ActionButton>
            )}
          </Box>
          <FormError
            message={statusState.error && errorMessage(statusState.error)}
          />
        </Section>
        <Divider className={classes.divider} />
        <Section title="Severity">
          <SeveritySelect
            pattern={pattern}
            deniedReason={triageDeniedReason}
            onChanged={onChanged}
          />
        </Section>
        <Divider className={classes.divider} />
        <Section title="Snooze">
          <Typography variant="body2" color="textSecondary">
            {pattern.snooze
              ? `Snoozed by ${shortRef(
                  pattern.snooze.snoozedBy,
                )}, quiet ${snoozeConditions(pattern.snooze)}.`
              : 'Not snoozed: new events keep it in the list.'}
          </Typography>
          <Box className={classes.buttons}>
            {pattern.snooze ? (
              <ActionButton
                size="small"
                variant="outlined"
                disabled={wakeState.loading}
                disabledReason={triageDeniedReason}
                onClick={() => wake()}
              >
                Wake now
              </ActionButton>
            ) : (
              <ActionButton
                size="small"
                variant="outlined"
                disabledReason={triageDeniedReason}
                onClick={() => setDialog('snooze')}
              >
                Snooze…
              </ActionButton>
            )}
          </Box>
          <FormError
            message={wakeState.error && errorMessage(wakeState.error)}
          />
        </Section>
        <Divider className={classes.divider} />
        <Section title="Grouping">
          {pattern.mergedPatterns.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No other group is merged into this one.
            </Typography>
          ) : (
            <List dense disablePadding aria-label="Merged groups">
              {pattern.mergedPatterns.map(group => (
                <ListItem key={group.patternId} disableGutters>
                  <ListItemText primary={group.name} />
                  <ListItemSecondaryAction>
                    <ActionButton
                      size="small"
                      disabledReason={categorizeDeniedReason}
                      onClick={() => setDialog({ unmerge: group.patternId })}
                      aria-label={`Unmerge ${group.name}`}
                    >
                      Unmerge
                    </ActionButton>
                  </ListItemSecondaryAction>
                </ListItem>
              ))}
            </List>
          )}
          <Box className={classes.buttons}>
            <ActionButton
              size="small"
              variant="outlined"
              disabledReason={categorizeDeniedReason}
              onClick={() => setDialog('merge')}
            >
              Merge other groups…
            </ActionButton>
          </Box>
        </Section>
        <Divider className={classes.divider} />
        <Section title="Automated fix">
          <AutomatedFixSection pattern={pattern} onChanged={onChanged} />
        </Section>
      </CardContent>
      {dialog === 'resolve' && eventToResolve && (
        <ResolveDialog
          patternName={pattern.name}
          errorId={eventToResolve}
          template={
            pattern.suggestedActions.immediate.length
              ? {
                  text: pattern.suggestedActions.immediate.join(' '),
                  preventionMeasures: pattern.suggestedActions.preventive,
                }
              : undefined
          }
          onResolved={done}
          onCancel={() => setDialog(undefined)}
        />
      )}
      {dialog === 'snooze' && (
        <SnoozeDialog
          pattern={pattern}
          onSnoozed={done}
          onCancel={() => setDialog(undefined)}
        />
      )}
      {dialog === 'merge' && (
        <MergeDialog
          pattern={pattern}
          onMerged={done}
          onCancel={() => setDialog(undefined)}
        />
      )}
      {unmerging && (
        <ConfirmationDialog
          open
          title={`Unmerge “${unmerging.name}”?`}
          confirmLabel="Unmerge"
          busy={unmergeState.loading}
          error={unmergeState.error}
          onConfirm={() => unmerge(unmerging.patternId)}
          onCancel={() => setDialog(undefined)}
        >
          <Typography>
            “{unmerging.name}” becomes a group of its own again, and events like
            it land there from now on.
          </Typography>
        </ConfirmationDialog>
      )}
    </Card>
  );
}
