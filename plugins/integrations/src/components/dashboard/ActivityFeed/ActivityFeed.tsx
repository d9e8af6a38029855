import { InfoCard } from '@backstage/core-components';
import {
  ACTIVITY_KINDS,
  ActivityKind,
  HealthStatus,
  IntegrationActivity,
  TestRunStatus,
} from '@internal/plugin-integrations-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { ACTIVITY_KIND_LABELS } from '../../../healthLabels';
import { absoluteTime, relativeTime, shortRef } from '../../../labels';
import { FilterSelect } from '../../shared/FilterSelect';
import {
  HealthStatusLabel,
  TestRunStatusLabel,
} from '../../shared/StatusLabel';

const RUN_STATUSES: readonly string[] = ['passed', 'failed'];

/** The summary, after an icon of the status the item reports, if any. */
function ItemSummary(props: { item: IntegrationActivity }) {
  const { operation: kind, details: summary } = props.item;
  const status = props.item.metadata.resultStatus;
  if (!status) {
    return <>{summary}</>;
  }
  // A test reports a run status, a health change a health status ("degraded" is both).
  if (kind === 'test' || RUN_STATUSES.includes(status)) {
    return (
      <TestRunStatusLabel status={status as TestRunStatus}>
        {summary}
      </TestRunStatusLabel>
    );
  }
  return (
    <HealthStatusLabel status={status as HealthStatus}>
      {summary}
    </HealthStatusLabel>
  );
}

function ItemDetails(props: { item: IntegrationActivity; label?: string }) {
  const { item, label } = props;
  return (
    <>
      {label ?? item.integration} ·{' '}
      <Tooltip title={absoluteTime(item.timestamp)}>
        <span>{relativeTime(item.timestamp)}</span>
      </Tooltip>
      {item.userId && ` · by ${shortRef(item.userId)}`}
    </>
  );
}

/** What happened lately in the environment: tests, status changes and configuration changes. */
export function ActivityFeed(props: {
  items: IntegrationActivity[];
  /** What to call each integration, told apart where display names collide. */
  displayNames?: ReadonlyMap<string, string>;
}) {
  const [kind, setKind] = useState<ActivityKind | ''>('');
  const shown = kind
    ? props.items.filter(item => item.operation === kind)
    : props.items;

  return (
    <InfoCard
      title="Recent activity"
      action={
        <FilterSelect<ActivityKind>
          label="Show"
          value={kind}
          options={ACTIVITY_KINDS}
          labels={ACTIVITY_KIND_LABELS}
          onChange={setKind}
        />
      }
    >
      {shown.length === 0 ? (
        <Typography>
          {kind
            ? `No ${ACTIVITY_KIND_LABELS[kind].toLowerCase()} lately.`
            : 'Nothing happened lately.'}
        </Typography>
      ) : (
        <List dense aria-label="Recent activity">
          {shown.map(item => (
            <ListItem key={item.id} divider>
              <ListItemText
                primary={<ItemSummary item={item} />}
                primaryTypographyProps={{ component: 'div' }}
                secondary={
                  <ItemDetails
                    item={item}
                    label={props.displayNames?.get(item.integration)}
                  />
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
