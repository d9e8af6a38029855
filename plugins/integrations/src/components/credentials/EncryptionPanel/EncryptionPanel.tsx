import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  EncryptionStatus,
  KeyRotationResult,
  keysRotatePermission,
} from '@internal/plugin-integrations-common';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';
import { useEncryptionStatus } from '../../../hooks/useEncryptionStatus';
import { absoluteTime, relativeTime } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import { useRotateKeys } from '../../../hooks/useCredentialMutations';

function fields(count: number): string {
  return count === 1 ? '1 field' : `${count} fields`;
}

function LastRotation(props: {
  rotation: NonNullable<EncryptionStatus['lastRotation']>;
}) {
  const { rotation } = props;
  const when = rotation.finishedAt ?? rotation.startedAt;
  return (
    <Typography variant="body2">
      Last rotation:{' '}
      <span title={absoluteTime(when)}>{relativeTime(when)}</span>, by{' '}
      {rotation.trigger}, onto {rotation.primaryKeyId}:{' '}
      {fields(rotation.rewrapped)} re-wrapped
      {rotation.remaining ? `, ${rotation.remaining} remaining` : ''}
      {rotation.finishedAt ? '' : ' (still running)'}
      {rotation.error && (
        <Typography component="span" variant="body2" color="error">
          {' '}
          · failed: {rotation.error}
        </Typography>
      )}
    </Typography>
  );
}

function rotationNotice(result: KeyRotationResult): string {
  const rewrapped = `Re-wrapped ${fields(result.rewrapped)} under ${
    result.primaryKeyId
  }`;
  return result.remaining
    ? `${rewrapped}; ${fields(result.remaining)} still on other keys.`
    : `${rewrapped}; no field is on another key.`;
}

function EncryptionStatusDetails() {
  const rotateKeys = useRotateKeys();
  const status = useEncryptionStatus();
  const [rotating, setRotating] = useState(false);
  const [result, setResult] = useState<KeyRotationResult>();
  const [error, setError] = useState<Error>();

  const rotate = async () => {
    setRotating(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await rotateKeys());
      status.retry();
    } catch (e) {
      setError(e as Error);
    } finally {
      setRotating(false);
    }
  };

  if (status.loading && !status.value) {
    return <Progress />;
  }
  if (status.error) {
    return <ResponseErrorPanel error={status.error} />;
  }
  const encryption = status.value!;

  return (
    <Box width="100%">
      {result && (
        <InlineAlert severity="success" title={rotationNotice(result)} />
      )}
      {error && (
        <InlineAlert severity="error" title="The rotation did not run">
          {errorMessage(error)}
        </InlineAlert>
      )}
      <Typography variant="body2">
        {encryption.algorithm.toUpperCase()} · primary key{' '}
        <strong>{encryption.primaryKeyId}</strong> ·{' '}
        {encryption.pending
          ? `${fields(encryption.pending)} pending re-wrap`
          : 'nothing pending'}
      </Typography>
      <Table size="small" aria-label="Encryption keys">
        <TableHead>
          <TableRow>
            <TableCell>Key</TableCell>
            <TableCell>Protects</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {encryption.keys.map(key => (
            <TableRow key={key.id}>
              <TableCell>
                {key.id}
                {key.primary ? ' (primary)' : ''}
              </TableCell>
              <TableCell>{fields(key.protects)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="space-between"
        mt={1}
      >
        {encryption.lastRotation ? (
          <LastRotation rotation={encryption.lastRotation} />
        ) : (
          <Typography variant="body2">No rotation has run yet.</Typography>
        )}
        <Button
          variant="outlined"
          color="primary"
          onClick={rotate}
          disabled={rotating}
        >
          {rotating ? 'Rotating…' : 'Rotate now'}
        </Button>
      </Box>
    </Box>
  );
}

/**
 * The key ring behind every integration's credentials, for those who may
 * rotate it; an admin tool, so nothing of it is shown to anyone else.
 * Collapsed, and loaded only when opened.
 */
export function EncryptionPanel() {
  const { allowed } = usePermission({ permission: keysRotatePermission });
  if (!allowed) {
    return null;
  }
  return (
    <Accordion TransitionProps={{ unmountOnExit: true }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography variant="subtitle2">
          Encryption keys (all integrations)
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <EncryptionStatusDetails />
      </AccordionDetails>
    </Accordion>
  );
}
