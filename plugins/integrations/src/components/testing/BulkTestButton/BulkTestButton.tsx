import { useApi } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  Environment,
  IntegrationHealthStatus,
  integrationTestRunPermission,
} from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { useId, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { ActionButton } from '../../shared/ActionButton';
import { InlineAlert } from '../../shared/InlineAlert';
import { BulkTestResults } from './BulkTestResults';
import { useBulkTest } from '../../../hooks/useBulkTest';

export interface BulkTestButtonProps {
  environment: Environment;
  integrations: IntegrationHealthStatus[];
  /** The tests ran, so the dashboard is out of date. */
  onTested(): void;
}

/** The enabled integrations the user may test, as one comma-separated key. */
function useTestableNames(
  integrations: IntegrationHealthStatus[],
  environment: Environment,
) {
  const permissionApi = useApi(permissionApiRef);
  const candidates = integrations
    .filter(status => status.enabled)
    .map(status => status.integration)
    .join(',');
  return useAsync(async () => {
    const names = candidates ? candidates.split(',') : [];
    const decisions = await Promise.all(
      names.map(name =>
        permissionApi.authorize({
          permission: integrationTestRunPermission,
          resourceRef: `${name}:${environment}`,
        }),
      ),
    );
    return names
      .filter((_, index) => decisions[index].result === AuthorizeResult.ALLOW)
      .join(',');
  }, [permissionApi, candidates, environment]);
}

/**
 * "Test all": runs the quick test of every enabled integration shown that
 * the user may test, then lists each outcome.
 */
export function BulkTestButton(props: BulkTestButtonProps) {
  const { environment, integrations, onTested } = props;
  const bulkTest = useBulkTest();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const testable = useTestableNames(integrations, environment);
  const names = testable.value ?? '';
  const testableCount = names ? names.split(',').length : 0;
  const environmentLabel = ENVIRONMENT_LABELS[environment].toLowerCase();
  const [state, run] = useAsyncFn(async () => {
    const response = await bulkTest({
      integrations: names.split(','),
      environment,
      testSuite: 'quick',
    });
    onTested();
    return response;
  }, [bulkTest, environment, names, onTested]);

  const start = () => {
    setOpen(true);
    run();
  };

  return (
    <>
      <ActionButton
        variant="contained"
        color="primary"
        onClick={start}
        disabled={state.loading}
        disabledReason={
          (testable.loading && 'Checking your permissions…') ||
          (testableCount === 0
            ? `No enabled integration in ${environmentLabel} that you may test`
            : undefined)
        }
      >
        {state.loading ? 'Testing…' : 'Test all'}
      </ActionButton>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        maxWidth="sm"
        fullWidth
        scroll="paper"
      >
        <DialogTitle id={titleId}>
          Test of {testableCount} enabled integrations in {environmentLabel}
        </DialogTitle>
        <DialogContent dividers>
          {state.loading && (
            <>
              <Typography variant="body2" role="status">
                Testing… each integration takes up to its timeout.
              </Typography>
              <LinearProgress />
            </>
          )}
          {state.error && !state.loading && (
            <InlineAlert severity="error" title="The tests could not be run">
              {errorMessage(state.error)}
            </InlineAlert>
          )}
          {state.value && !state.loading && (
            <BulkTestResults
              response={state.value}
              displayNames={
                new Map(integrations.map(s => [s.integration, s.displayName]))
              }
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} color="primary">
            Close
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
