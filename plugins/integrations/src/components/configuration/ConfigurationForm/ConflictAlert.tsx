import { IntegrationConfig } from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import { relativeTime, shortRef } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import { Conflict } from './useSaveFlow';

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

/** Someone else saved first: who, when, and a way to continue from their version. */
export function ConflictAlert(props: {
  conflict: Conflict;
  config: IntegrationConfig;
  onReload(): void;
}) {
  const { conflict, config, onReload } = props;
  return (
    <InlineAlert
      severity="error"
      title={conflictTitle(conflict, config)}
      action={
        <Button color="primary" variant="outlined" onClick={onReload}>
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
        Reload to continue from the saved version; your unsaved changes will be
        lost.
      </p>
      <p>{errorMessage(conflict.error)}</p>
    </InlineAlert>
  );
}
