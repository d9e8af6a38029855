import { InfoCard, Progress } from '@backstage/core-components';
import {
  Environment,
  IntegrationAlert,
} from '@internal/plugin-integrations-common';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import {
  useAcknowledgeAlert,
  useActiveAlerts,
} from '../../../hooks/useActiveAlerts';
import { ENVIRONMENT_LABELS } from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { InlineAlert } from '../../shared/InlineAlert';
import { AlertRow } from './AlertRow';

export interface AlertsPanelProps {
  environment: Environment;
  /** What to call each integration, told apart where display names collide. */
  displayNames?: ReadonlyMap<string, string>;
}

/**
 * The open and acknowledged alerts of one environment, most recent first,
 * live through alert signals, each with an Acknowledge button for those who
 * may resolve the integration's errors.
 */
export function AlertsPanel(props: AlertsPanelProps) {
  const { environment, displayNames } = props;
  const { alerts, totalCount, error, refresh } = useActiveAlerts(environment);
  const [target, setTarget] = useState<IntegrationAlert>();
  const [acknowledgement, acknowledge] = useAcknowledgeAlert(refresh);

  const title = alerts?.length ? `Alerts (${totalCount})` : 'Alerts';
  let body;
  if (!alerts) {
    body = error ? null : <Progress />;
  } else if (alerts.length === 0) {
    body = (
      <Typography>
        No open alerts in {ENVIRONMENT_LABELS[environment].toLowerCase()}.
      </Typography>
    );
  } else {
    body = (
      <>
        <List dense aria-label="Active alerts">
          {alerts.map(alert => (
            <AlertRow
              key={alert.id}
              alert={alert}
              displayName={displayNames?.get(alert.integration)}
              acknowledging={acknowledgement.loading && target?.id === alert.id}
              onAcknowledge={chosen => {
                setTarget(chosen);
                acknowledge(chosen);
              }}
            />
          ))}
        </List>
        {totalCount > alerts.length && (
          <Typography variant="body2" color="textSecondary">
            The {alerts.length} most recent of {totalCount} alerts.
          </Typography>
        )}
      </>
    );
  }

  return (
    <InfoCard title={title}>
      {acknowledgement.error && target && (
        <InlineAlert
          severity="error"
          title={`Could not acknowledge "${target.title}"`}
        >
          {errorMessage(acknowledgement.error)}
        </InlineAlert>
      )}
      {error && (
        <InlineAlert
          severity="warning"
          title="Could not load the alerts"
          action={<Button onClick={refresh}>Retry</Button>}
        >
          {errorMessage(error)}
        </InlineAlert>
      )}
      {body}
    </InfoCard>
  );
}
