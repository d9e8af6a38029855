import {
  ResponseErrorPanel,
  StatusAborted,
  StatusOK,
  StatusWarning,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { RouterLink } from '@backstage/frontend-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  BulkUpdateRequest,
  BulkUpdateResponse,
  ENVIRONMENTS,
  Environment,
  INTEGRATION_CATEGORIES,
  INTEGRATION_CATEGORY_LABELS,
  IntegrationCategory,
  IntegrationConfig,
  integrationCreatePermission,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId, useMemo, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { integrationsApiRef } from '../../../api';
import { FilterSelect } from '../../shared/FilterSelect';
import { useBulkUpdatePermission } from '../../../hooks/useBulkUpdatePermission';
import { useIntegrationConfigs } from '../../../hooks/useIntegrationConfigs';
import {
  ENVIRONMENT_LABELS,
  absoluteTime,
  relativeTime,
  shortRef,
} from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { ActionButton } from '../../shared/ActionButton';
import { InlineAlert } from '../../shared/InlineAlert';
import { NewIntegrationDialog } from '../NewIntegrationDialog';

const PAGE_LIMIT = 500;

/** One integration's configuration in one environment. */
export interface ConfigurationRow {
  id: string;
  name: string;
  displayName: string;
  category: string;
  environment: Environment;
  version: number;
  enabled: boolean;
  owner: string;
  lastUpdated: string;
  updatedBy: string;
  deleted: boolean;
}

function toRow(config: IntegrationConfig): ConfigurationRow {
  return {
    id: `${config.name}:${config.environment}`,
    name: config.name,
    displayName: config.displayName,
    category: INTEGRATION_CATEGORY_LABELS[config.category],
    environment: config.environment,
    version: config.metadata.version,
    enabled: config.enabled,
    owner: shortRef(config.owner),
    lastUpdated: config.metadata.lastUpdated,
    updatedBy: shortRef(config.metadata.updatedBy),
    deleted: Boolean(config.deleted),
  };
}

/**
 * The bulk-update request that switches the selected configurations on or off.
 * The request names each integration once, with one environment or none (all),
 * so a selection of some but not all environments of one integration cannot be
 * sent as one all-or-nothing update.
 */
export function bulkRequestFor(
  selected: ConfigurationRow[],
  rows: ConfigurationRow[],
  enabled: boolean,
): { request: BulkUpdateRequest } | { problem: string } {
  const byName = new Map<string, ConfigurationRow[]>();
  for (const row of selected) {
    byName.set(row.name, [...(byName.get(row.name) ?? []), row]);
  }
  const request: BulkUpdateRequest = {};
  const split: string[] = [];
  const deleted = selected.filter(row => row.deleted).map(row => row.name);
  if (deleted.length > 0) {
    return {
      problem: `Restore ${[...new Set(deleted)].join(', ')} before changing ${
        deleted.length === 1 ? 'it' : 'them'
      }`,
    };
  }
  for (const [name, picked] of byName) {
    const shown = rows.filter(row => row.name === name);
    if (picked.length === 1) {
      const [row] = picked;
      request[name] = {
        environment: row.environment,
        version: row.version,
        enabled,
      };
    } else if (picked.length === shown.length) {
      request[name] = { enabled };
    } else {
      split.push(name);
    }
  }
  if (split.length > 0) {
    return {
      problem: `Select one environment or all environments of ${split.join(
        ', ',
      )}: one bulk update changes one environment or every environment of an integration`,
    };
  }
  return { request };
}

/**
 * The configurations a bulk update touches, as the backend authorizes them:
 * an integration named without an environment counts in every environment.
 */
function configurationsTouchedBy(request: BulkUpdateRequest) {
  return Object.entries(request).flatMap(([name, item]) =>
    (item.environment ? [item.environment] : ENVIRONMENTS).map(environment => ({
      name,
      environment,
    })),
  );
}

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
}));

type BulkOutcome =
  | { enabled: boolean; response: BulkUpdateResponse }
  | { enabled: boolean; error: Error };

function BulkUpdateOutcome(props: { outcome: BulkOutcome }) {
  const { outcome } = props;
  const verb = outcome.enabled ? 'enable' : 'disable';
  if ('error' in outcome) {
    return (
      <InlineAlert
        severity="error"
        title={`Could not ${verb} the selected configurations; nothing was changed`}
      >
        {errorMessage(outcome.error)}
      </InlineAlert>
    );
  }
  const { applied, results } = outcome.response;
  const failed = results.filter(result => result.status === 'failed');
  return (
    <InlineAlert
      severity={applied ? 'success' : 'error'}
      title={
        applied
          ? `${outcome.enabled ? 'Enabled' : 'Disabled'} ${
              results.filter(r => r.status === 'updated').length
            } of ${results.length} configurations`
          : `Nothing was changed: ${failed.length} of ${results.length} configurations could not be updated, and a bulk update is all-or-nothing`
      }
    >
      <ul aria-label="Bulk update results">
        {results.map(result => (
          <li key={`${result.name}:${result.environment}`}>
            {result.name} ({ENVIRONMENT_LABELS[result.environment]}):{' '}
            {result.status === 'updated' &&
              `updated to version ${result.version}`}
            {result.status === 'unchanged' && `already ${verb}d`}
            {result.status === 'failed' &&
              `failed: ${(result.errors ?? [])
                .map(issue => `${issue.path}: ${issue.message}`)
                .join('; ')}`}
          </li>
        ))}
      </ul>
    </InlineAlert>
  );
}

function NameCell(props: { row: ConfigurationRow }) {
  const { row } = props;
  const params = new URLSearchParams({
    integration: row.name,
    environment: row.environment,
  });
  return (
    <RouterLink href={`?${params}`} onClick={event => event.stopPropagation()}>
      <strong>{row.displayName}</strong> ({row.name})
    </RouterLink>
  );
}

const columns: TableColumn<ConfigurationRow>[] = [
  {
    title: 'Name',
    field: 'displayName',
    highlight: true,
    render: row => <NameCell row={row} />,
  },
  { title: 'Category', field: 'category' },
  {
    title: 'Environment',
    field: 'environment',
    render: row => ENVIRONMENT_LABELS[row.environment],
  },
  {
    title: 'Version',
    field: 'version',
    type: 'numeric',
    render: row => `v${row.version}`,
  },
  {
    title: 'Enabled',
    field: 'enabled',
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
  { title: 'Owner', field: 'owner' },
  {
    title: 'Last updated',
    field: 'lastUpdated',
    defaultSort: 'desc',
    render: row => (
      <Tooltip title={absoluteTime(row.lastUpdated)}>
        <span>{relativeTime(row.lastUpdated)}</span>
      </Tooltip>
    ),
  },
  { title: 'Updated by', field: 'updatedBy' },
];

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
  const searchId = useId();
  const api = useApi(integrationsApiRef);
  const [environment, setEnvironment] = useState<Environment | ''>('');
  const [category, setCategory] = useState<IntegrationCategory | ''>('');
  const [enabled, setEnabled] = useState<'true' | 'false' | ''>('');
  const [text, setText] = useState('');
  const [includeDeleted, setIncludeDeleted] = useState(false);
  const [debouncedText, setDebouncedText] = useState('');
  useDebounce(() => setDebouncedText(text.trim()), 300, [text]);
  const [localReloads, setLocalReloads] = useState(0);
  const [selected, setSelected] = useState<ConfigurationRow[]>([]);
  const [bulkBusy, setBulkBusy] = useState(false);
  const [outcome, setOutcome] = useState<BulkOutcome>();
  const [creating, setCreating] = useState(false);

  const { value, loading, error } = useIntegrationConfigs(
    {
      environment: environment || undefined,
      category: category || undefined,
      enabled: enabled === '' ? undefined : enabled === 'true',
      text: debouncedText || undefined,
      includeDeleted: includeDeleted || undefined,
      limit: PAGE_LIMIT,
    },
    reloadKey + localReloads,
  );

  const rows = useMemo(() => (value?.items ?? []).map(toRow), [value]);
  const create = usePermission({ permission: integrationCreatePermission });
  const plannedBulk =
    selected.length > 0 ? bulkRequestFor(selected, rows, false) : undefined;
  const { deniedReason: bulkDeniedReason } = useBulkUpdatePermission(
    plannedBulk && 'request' in plannedBulk
      ? configurationsTouchedBy(plannedBulk.request)
      : [],
  );

  const bulkUpdate = async (nextEnabled: boolean) => {
    const built = bulkRequestFor(selected, rows, nextEnabled);
    if (!('request' in built)) {
      return;
    }
    setBulkBusy(true);
    setOutcome(undefined);
    try {
      const response = await api.bulkUpdate(built.request);
      setOutcome({ enabled: nextEnabled, response });
      if (response.applied) {
        setSelected([]);
        setLocalReloads(n => n + 1);
      }
    } catch (e) {
      setOutcome({ enabled: nextEnabled, error: e as Error });
    } finally {
      setBulkBusy(false);
    }
  };

  let bulkDisabledReason: string | undefined;
  if (selected.length === 0) {
    bulkDisabledReason = 'Select configurations in the table first';
  } else {
    const built = bulkRequestFor(selected, rows, false);
    bulkDisabledReason = 'problem' in built ? built.problem : bulkDeniedReason;
  }

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  return (
    <>
      <Box className={classes.toolbar}>
        <TextField
          id={searchId}
          label="Search"
          placeholder="Name, display name or description"
          value={text}
          onChange={event => setText(event.target.value)}
          size="small"
        />
        <FilterSelect<Environment>
          label="Environment"
          value={environment}
          options={ENVIRONMENTS}
          labels={ENVIRONMENT_LABELS}
          onChange={setEnvironment}
        />
        <FilterSelect<IntegrationCategory>
          label="Category"
          value={category}
          options={INTEGRATION_CATEGORIES}
          labels={INTEGRATION_CATEGORY_LABELS}
          onChange={setCategory}
        />
        <FilterSelect<'true' | 'false'>
          label="State"
          value={enabled}
          options={['true', 'false']}
          labels={{ true: 'Enabled', false: 'Disabled' }}
          onChange={setEnabled}
        />
        <FormControlLabel
          control={
            <Switch
              checked={includeDeleted}
              onChange={event => setIncludeDeleted(event.target.checked)}
              size="small"
            />
          }
          label="Show deleted"
        />
        <Box className={classes.grow} />
        <Typography variant="body2">{selected.length} selected</Typography>
        <ActionButton
          variant="outlined"
          onClick={() => bulkUpdate(true)}
          disabled={bulkBusy}
          disabledReason={bulkDisabledReason}
        >
          Enable
        </ActionButton>
        <ActionButton
          variant="outlined"
          onClick={() => bulkUpdate(false)}
          disabled={bulkBusy}
          disabledReason={bulkDisabledReason}
        >
          Disable
        </ActionButton>
        <ActionButton
          color="primary"
          variant="contained"
          onClick={() => setCreating(true)}
          disabledReason={
            create.loading || create.allowed
              ? undefined
              : 'You may not create integrations'
          }
          disabled={create.loading}
        >
          New integration
        </ActionButton>
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
        columns={columns}
        data={rows}
        options={{
          selection: true,
          columnsButton: true,
          search: false,
          paging: true,
          pageSize: 20,
          pageSizeOptions: [20, 50, 100],
          padding: 'dense',
        }}
        onSelectionChange={picked => setSelected(picked)}
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
