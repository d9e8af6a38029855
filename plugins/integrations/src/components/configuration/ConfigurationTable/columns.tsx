import {
  Link,
  StatusAborted,
  StatusOK,
  StatusWarning,
  TableColumn,
} from '@backstage/core-components';
import { RouterLink } from '@backstage/frontend-plugin-api';
import Tooltip from '@material-ui/core/Tooltip';
import { CSSProperties } from 'react';
import { useIntegrationEntityLink } from '../../../hooks/useIntegrationEntityLink';
import {
  ENVIRONMENT_LABELS,
  absoluteTime,
  relativeTime,
} from '../../../labels';
import { ConfigurationRow } from './configurationRows';

/** Opens the editor; beside it, the integration's page in the catalog. */
function NameCell(props: { row: ConfigurationRow }) {
  const { row } = props;
  const entityLink = useIntegrationEntityLink()(row.name);
  const params = new URLSearchParams({
    integration: row.name,
    environment: row.environment,
  });
  return (
    <>
      <RouterLink
        href={`?${params}`}
        onClick={event => event.stopPropagation()}
      >
        <strong>{row.displayName}</strong> ({row.name})
      </RouterLink>
      {entityLink && (
        <>
          {' · '}
          <Link
            to={entityLink}
            aria-label={`${row.displayName} in the catalog`}
            onClick={event => event.stopPropagation()}
            style={{ fontWeight: 'normal' }}
          >
            catalog
          </Link>
        </>
      )}
    </>
  );
}

/** Short values read as one unit ("ada.admin", "2 hours ago") and never wrap. */
const SHORT: CSSProperties = { whiteSpace: 'nowrap' };

/**
 * The table's columns, defined once: the table keeps its sorting, paging and
 * selection only while the columns stay the same objects.
 */
export const CONFIGURATION_COLUMNS: TableColumn<ConfigurationRow>[] = [
  {
    title: 'Name',
    field: 'displayName',
    highlight: true,
    cellStyle: { minWidth: 240 },
    render: row => <NameCell row={row} />,
  },
  { title: 'Category', field: 'category', cellStyle: SHORT },
  {
    title: 'Environment',
    field: 'environment',
    cellStyle: SHORT,
    render: row => ENVIRONMENT_LABELS[row.environment],
  },
  {
    title: 'Version',
    field: 'version',
    type: 'numeric',
    cellStyle: SHORT,
    render: row => `v${row.version}`,
  },
  {
    title: 'Enabled',
    field: 'enabled',
    cellStyle: SHORT,
    render: row => {
      if (row.deleted) {
        return <StatusWarning>Deleted</StatusWarning>;
      }
      return row.enabled ? (
        <StatusOK>Enabled</StatusOK>
      ) : (
        <StatusAborted>Disabled</StatusAborted>
      );
    },
  },
  { title: 'Owner', field: 'owner', cellStyle: SHORT },
  {
    title: 'Last updated',
    field: 'lastUpdated',
    defaultSort: 'desc',
    cellStyle: SHORT,
    render: row => (
      <Tooltip title={absoluteTime(row.lastUpdated)}>
        <span>{relativeTime(row.lastUpdated)}</span>
      </Tooltip>
    ),
  },
  { title: 'Updated by', field: 'updatedBy', cellStyle: SHORT },
];
