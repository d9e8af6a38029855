import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  ConfigVersionSummary,
  Environment,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useConfigVersions } from '../../../hooks/useConfigVersions';
import {
  CHANGE_TYPE_LABELS,
  ENVIRONMENT_LABELS,
  absoluteTime,
  relativeTime,
  shortRef,
} from '../../../labels';
import { ActionButton } from '../../shared/ActionButton';
import { ConfigDiffView } from '../../shared/ConfigDiffView';
import { ConfirmationDialog } from '../../shared/ConfirmationDialog';
import { useRollback } from '../../../hooks/useConfigurationMutations';
import { useVersionDiff } from '../../../hooks/useVersionDiff';

export interface VersionHistoryProps {
  name: string;
  environment: Environment;
  currentVersion: number;
  /** Why the user may not roll back, if they may not. */
  updateDeniedReason?: string;
  onRolledBack(config: IntegrationConfig): void;
}

function VersionDiff(props: {
  name: string;
  environment: Environment;
  from: number;
  to: number;
}) {
  const { name, environment, from, to } = props;
  const { value, loading, error } = useVersionDiff(name, environment, from, to);
  return (
    <Box mt={2}>
      <Typography variant="h6" component="h3">
        Version {from} → version {to}
      </Typography>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <ConfigDiffView
          changes={value.changes}
          aria-label={`Differences between version ${from} and version ${to}`}
        />
      )}
    </Box>
  );
}

/** The versions of one environment's configuration, to compare and to roll back to. */
export function VersionHistory(props: VersionHistoryProps) {
  const {
    name,
    environment,
    currentVersion,
    updateDeniedReason,
    onRolledBack,
  } = props;
  const rollback = useRollback(name, environment);
  const versions = useConfigVersions(name, environment);
  const [compared, setCompared] = useState<number[]>([]);
  const [rollbackTarget, setRollbackTarget] = useState<ConfigVersionSummary>();
  const [rollingBack, setRollingBack] = useState(false);
  const [rollbackError, setRollbackError] = useState<Error>();

  const toggleCompared = (version: number) =>
    setCompared(previous =>
      previous.includes(version)
        ? previous.filter(v => v !== version)
        : [...previous, version].slice(-2),
    );

  const rollBack = async () => {
    if (!rollbackTarget) {
      return;
    }
    setRollingBack(true);
    setRollbackError(undefined);
    try {
      const config = await rollback(rollbackTarget.version);
      setRollbackTarget(undefined);
      onRolledBack(config);
    } catch (error) {
      setRollbackError(error as Error);
    } finally {
      setRollingBack(false);
    }
  };

  if (versions.loading) {
    return <Progress />;
  }
  if (versions.error) {
    return <ResponseErrorPanel error={versions.error} />;
  }

  const [from, to] = [...compared].sort((a, b) => a - b);

  return (
    <>
      <Typography variant="body2" color="textSecondary">
        Tick two versions to see what changed between them.
      </Typography>
      <Table size="small" aria-label="Versions">
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox" style={{ whiteSpace: 'nowrap' }}>
              Compare
            </TableCell>
            <TableCell>Version</TableCell>
            <TableCell>Change</TableCell>
            <TableCell>Author</TableCell>
            <TableCell>When</TableCell>
            <TableCell>Changed fields</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(versions.value ?? []).map(version => (
            <TableRow key={version.version}>
              <TableCell padding="checkbox">
                <Checkbox
                  checked={compared.includes(version.version)}
                  onChange={() => toggleCompared(version.version)}
                  inputProps={{
                    'aria-label': `Compare version ${version.version}`,
                  }}
                />
              </TableCell>
              <TableCell>
                {version.version}
                {version.version === currentVersion && ' (current)'}
              </TableCell>
              <TableCell>
                {CHANGE_TYPE_LABELS[version.changeType] ?? version.changeType}
                {version.notes && (
                  <Typography variant="caption" display="block">
                    {version.notes}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{shortRef(version.author)}</TableCell>
              <TableCell>
                <Tooltip title={absoluteTime(version.createdAt)}>
                  <span>{relativeTime(version.createdAt)}</span>
                </Tooltip>
              </TableCell>
              <TableCell>{version.changedFields.join(', ') || '—'}</TableCell>
              <TableCell align="right">
                <ActionButton
                  size="small"
                  onClick={() => {
                    setRollbackError(undefined);
                    setRollbackTarget(version);
                  }}
                  disabledReason={
                    version.version === currentVersion
                      ? 'This is the current version'
                      : updateDeniedReason
                  }
                >
                  Roll back to this version
                </ActionButton>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {from !== undefined && to !== undefined && (
        <VersionDiff
          name={name}
          environment={environment}
          from={from}
          to={to}
        />
      )}
      <ConfirmationDialog
        open={Boolean(rollbackTarget)}
        title={`Roll back to version ${rollbackTarget?.version}?`}
        confirmLabel="Roll back"
        busy={rollingBack}
        error={rollbackError}
        onConfirm={rollBack}
        onCancel={() => setRollbackTarget(undefined)}
      >
        <Typography>
          The {ENVIRONMENT_LABELS[environment].toLowerCase()} configuration of{' '}
          {name} gets the settings of version {rollbackTarget?.version} as a new
          version {currentVersion + 1}. Version {currentVersion} stays in the
          history. Credentials are not affected.
        </Typography>
      </ConfirmationDialog>
    </>
  );
}
