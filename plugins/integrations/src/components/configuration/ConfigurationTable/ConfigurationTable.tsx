import { ResponseErrorPanel, Table } from '@backstage/core-components';
import {
  Environment,
  integrationCreatePermission,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo, useState } from 'react';
import { useIntegrationConfigs } from '../../../hooks/useIntegrationConfigs';
import { useIntegrationPermission } from '../../../hooks/useIntegrationPermission';
import { ActionButton } from '../../shared/ActionButton';
import { NewIntegrationDialog } from '../NewIntegrationDialog';
import { BulkActions } from './BulkActions';
import { BulkOutcome, BulkUpdateOutcome } from './BulkUpdateOutcome';
import { CONFIGURATION_COLUMNS } from './columns';
import {
  ConfigurationFilters,
  useConfigurationFilters,
} from './ConfigurationFilters';
import { ConfigurationRow, toRow } from './configurationRows';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  grow: {
    flexGrow: 1,
  },
  // The selection count and what can be done with it move together, never split over two lines.
  actions: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'nowrap',
  },
}));

export interface ConfigurationTableProps {
  /** Opens the editor of one configuration. */
  onOpen(name: string, environment: Environment): void;
  /** Changes whenever configurations were saved elsewhere, so the table reloads. */
  reloadKey?: number;
}

/**
 * Every configuration, one row per integration and environment, with filters,
 * bulk enable/disable and creating integrations from templates.
 */
export function ConfigurationTable(props: ConfigurationTableProps) {
  const { onOpen, reloadKey = 0 } = props;
  const classes = useStyles();
  const filters = useConfigurationFilters();
  const [localReloads, setLocalReloads] = useState(0);
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(
    new Set(),
  );
  const [outcome, setOutcome] = useState<BulkOutcome>();
  const [creating, setCreating] = useState(false);
  const create = useIntegrationPermission(
    integrationCreatePermission,
    undefined,
    'You may not create integrations',
  );

  const { value, loading, error } = useIntegrationConfigs(
    filters.query,
    reloadKey + localReloads,
  );

  const rows = useMemo(() => (value?.items ?? []).map(toRow), [value]);
  const selected = rows.filter(row => selectedIds.has(row.id));
  // The table remembers ticks by row id across reloads; handing it the
  // selection keeps its count and the toolbar's in step after a bulk update.
  const tableRows = useMemo(
    () =>
      rows.map(row => ({
        ...row,
        tableData: { checked: selectedIds.has(row.id) },
      })),
    [rows, selectedIds],
  );

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  return (
    <>
      <Box className={classes.toolbar}>
        <ConfigurationFilters filters={filters} />
        <Box className={classes.grow} />
        <Box className={classes.actions}>
          <BulkActions
            selected={selected}
            rows={rows}
            onOutcome={next => {
              setOutcome(next);
              if (next && 'response' in next && next.response.applied) {
                setSelectedIds(new Set());
                setLocalReloads(n => n + 1);
              }
            }}
          />
          <ActionButton
            color="primary"
            variant="contained"
            onClick={() => setCreating(true)}
            disabledReason={create.loading ? undefined : create.reason}
            disabled={create.loading}
          >
            New integration
          </ActionButton>
        </Box>
      </Box>

      {outcome && <BulkUpdateOutcome outcome={outcome} />}

      {value && value.totalCount > value.items.length && (
        <Typography variant="body2" color="textSecondary" paragraph>
          Showing the first {value.items.length} of {value.totalCount}{' '}
          configurations; narrow the filters to find the others.
        </Typography>
      )}

      <Table<ConfigurationRow>
        title={`Configurations (${value?.totalCount ?? 0})`}
        isLoading={loading}
        columns={CONFIGURATION_COLUMNS}
        data={tableRows}
        options={{
          selection: true,
          columnsButton: true,
          search: false,
          paging: true,
          pageSize: 20,
          pageSizeOptions: [20, 50, 100],
          padding: 'dense',
        }}
        onSelectionChange={picked =>
          setSelectedIds(new Set(picked.map(row => row.id)))
        }
        onRowClick={(_event, row) => row && onOpen(row.name, row.environment)}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            No configurations match these filters.
          </Typography>
        }
      />

      {creating && (
        <NewIntegrationDialog
          onClose={() => setCreating(false)}
          onCreated={(name, firstEnvironment) => {
            setCreating(false);
            setLocalReloads(n => n + 1);
            onOpen(name, firstEnvironment);
          }}
        />
      )}
    </>
  );
}
