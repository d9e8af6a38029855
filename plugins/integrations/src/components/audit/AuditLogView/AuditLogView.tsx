import {
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  AUDIT_ACTIONS,
  AUDIT_CATEGORIES,
  AuditAction,
  AuditCategory,
  AuditLogEntry,
  AuditQuery,
  auditReadPermission,
  diffFields,
  integrationNameSchema,
} from '@internal/plugin-integrations-common';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import { CSSProperties, useEffect, useId, useMemo, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { FilterSelect } from '../../shared/FilterSelect';
import { useAuditLog } from '../../../hooks/useAuditLog';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_CATEGORY_LABELS,
  ENVIRONMENT_LABELS,
  absoluteTime,
  relativeTime,
  shortRef,
} from '../../../labels';
import { errorMessage } from '../../../requestErrors';
import { ActionButton } from '../../shared/ActionButton';
import { ConfigDiffView } from '../../shared/ConfigDiffView';
import { InlineAlert } from '../../shared/InlineAlert';
import { useAuditExport } from '../../../hooks/useAuditLog';
import { useIntegrationConfigs } from '../../../hooks/useIntegrationConfigs';
import { saveFile } from '../../../saveFile';
import { auditErrorText } from './auditErrors';
import { KnownValueField } from './KnownValueField';

const ENTRY_LIMIT = 500;

const useStyles = makeStyles(theme => ({
  filters: {
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

/** A `datetime-local` value as the ISO timestamp with offset the API expects. */
function toIsoTimestamp(local: string): string | undefined {
  if (!local) {
    return undefined;
  }
  const time = DateTime.fromISO(local);
  return time.isValid ? time.toISO() ?? undefined : undefined;
}

/** Short values read as one unit ("Production", "2 hours ago") and never wrap. */
const SHORT: CSSProperties = { whiteSpace: 'nowrap' };
/** Longer values wrap between words (or after a hyphen), never inside one. */
const WORDS: CSSProperties = {
  wordBreak: 'normal',
  overflowWrap: 'normal',
  minWidth: 120,
};

const columns: TableColumn<AuditLogEntry>[] = [
  {
    title: 'Time',
    field: 'timestamp',
    defaultSort: 'desc',
    cellStyle: SHORT,
    render: entry => (
      <Tooltip title={absoluteTime(entry.timestamp)}>
        <span>{relativeTime(entry.timestamp)}</span>
      </Tooltip>
    ),
  },
  {
    title: 'User',
    field: 'userId',
    cellStyle: WORDS,
    render: entry => shortRef(entry.userId),
  },
  { title: 'Integration', field: 'integration', cellStyle: WORDS },
  {
    title: 'Environment',
    field: 'environment',
    cellStyle: SHORT,
    render: entry =>
      entry.environment ? ENVIRONMENT_LABELS[entry.environment] : 'all',
  },
  {
    title: 'Action',
    field: 'action',
    cellStyle: WORDS,
    render: entry => {
      const label = AUDIT_ACTION_LABELS[entry.action] ?? entry.action;
      // A task's credential uses are one row per hour, with their count.
      return entry.count === undefined ? (
        label
      ) : (
        <Tooltip
          title={`${entry.count} uses from ${absoluteTime(
            entry.timestamp,
          )} to the end of that hour`}
        >
          <span>{`${label} × ${entry.count} this hour`}</span>
        </Tooltip>
      );
    },
  },
  {
    title: 'Category',
    field: 'category',
    cellStyle: SHORT,
    render: entry => AUDIT_CATEGORY_LABELS[entry.category] ?? entry.category,
  },
  {
    title: 'Changed fields',
    field: 'details.changedFields',
    sorting: false,
    cellStyle: WORDS,
    render: entry => entry.details.changedFields.join(', ') || '—',
  },
  {
    title: 'Outcome',
    field: 'outcome',
    cellStyle: SHORT,
    render: entry =>
      entry.outcome === 'success' ? (
        <StatusOK>Success</StatusOK>
      ) : (
        <Tooltip title={entry.error ? auditErrorText(entry.error) : ''}>
          <span>
            <StatusError>Failure</StatusError>
          </span>
        </Tooltip>
      ),
  },
];

function AuditEntryDetails(props: { entry: AuditLogEntry }) {
  const { entry } = props;
  const { before, after } = entry.details;
  return (
    <Box p={2}>
      {entry.error && (
        <Typography color="error" paragraph>
          {auditErrorText(entry.error)}
        </Typography>
      )}
      {before !== undefined || after !== undefined ? (
        <ConfigDiffView
          changes={diffFields(before ?? {}, after ?? {})}
          aria-label="Before and after"
        />
      ) : (
        <Typography variant="body2">No before and after recorded.</Typography>
      )}
      <Typography variant="caption" color="textSecondary">
        Event {entry.eventId}
        {entry.context.ip && ` · from ${entry.context.ip}`}
        {entry.context.userAgent && ` · ${entry.context.userAgent}`}
      </Typography>
    </Box>
  );
}

/** Every integration's name, for picking one to filter by. */
function useIntegrationNames(): string[] {
  const configs = useIntegrationConfigs({ limit: 500, includeDeleted: true });
  return useMemo(
    () => [...new Set((configs.value?.items ?? []).map(c => c.name))].sort(),
    [configs.value],
  );
}

/** The users seen in the entries loaded so far, for picking one to filter by. */
function useKnownUsers(entries: AuditLogEntry[] | undefined): string[] {
  const [users, setUsers] = useState<string[]>([]);
  useEffect(() => {
    setUsers(previous => {
      const next = new Set(previous);
      for (const entry of entries ?? []) {
        next.add(entry.userId);
      }
      return next.size === previous.length ? previous : [...next].sort();
    });
  }, [entries]);
  return users;
}

function AuditLog() {
  const classes = useStyles();
  const fieldId = useId();
  const fetchCsv = useAuditExport();
  const [integration, setIntegration] = useState('');
  const [user, setUser] = useState('');
  const [action, setAction] = useState<AuditAction | ''>('');
  const [category, setCategory] = useState<AuditCategory | ''>('');
  // Every health check decrypts credentials; those rows would bury the changes.
  const [showUses, setShowUses] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [typed, setTyped] = useState({ integration: '', user: '' });
  useDebounce(
    () => setTyped({ integration: integration.trim(), user: user.trim() }),
    300,
    [integration, user],
  );
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<Error>();

  const integrationValid =
    !typed.integration ||
    integrationNameSchema.safeParse(typed.integration).success;

  const query: AuditQuery = {
    integration: integrationValid ? typed.integration || undefined : undefined,
    user: typed.user || undefined,
    action: action || undefined,
    ...(showUses || action
      ? {}
      : { excludeAction: 'credentials_use' as const }),
    category: category || undefined,
    from: toIsoTimestamp(from),
    to: toIsoTimestamp(to),
  };
  const { value, loading, error } = useAuditLog({
    ...query,
    limit: ENTRY_LIMIT,
  });
  const knownIntegrations = useIntegrationNames();
  const knownUsers = useKnownUsers(value?.items);

  const exportCsv = async () => {
    setExporting(true);
    setExportError(undefined);
    try {
      const csv = await fetchCsv(query);
      saveFile(
        new Blob([csv], { type: 'text/csv;charset=utf-8' }),
        `integrations-audit-${DateTime.now().toFormat('yyyy-MM-dd-HHmm')}.csv`,
      );
    } catch (e) {
      setExportError(e as Error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Box className={classes.filters}>
        <KnownValueField
          id={`${fieldId}-integration`}
          label="Integration"
          value={integration}
          options={knownIntegrations}
          onChange={setIntegration}
          error={!integrationValid}
          helperText={
            integrationValid
              ? undefined
              : "Use the integration's name, e.g. stripe"
          }
        />
        <KnownValueField
          id={`${fieldId}-user`}
          label="User"
          placeholder="user:default/ada"
          value={user}
          options={knownUsers}
          onChange={setUser}
        />
        <FilterSelect
          label="Action"
          value={action}
          options={AUDIT_ACTIONS}
          labels={AUDIT_ACTION_LABELS}
          onChange={setAction}
        />
        <FilterSelect
          label="Category"
          value={category}
          options={AUDIT_CATEGORIES}
          labels={AUDIT_CATEGORY_LABELS}
          onChange={setCategory}
        />
        <FormControlLabel
          control={
            <Switch
              checked={showUses || action === 'credentials_use'}
              disabled={Boolean(action)}
              onChange={event => setShowUses(event.target.checked)}
              size="small"
            />
          }
          label="Show credential uses"
        />
        <TextField
          id={`${fieldId}-from`}
          label="From"
          type="datetime-local"
          value={from}
          onChange={event => setFrom(event.target.value)}
          InputLabelProps={{ shrink: true }}
          size="small"
        />
        <TextField
          id={`${fieldId}-to`}
          label="To"
          type="datetime-local"
          value={to}
          onChange={event => setTo(event.target.value)}
          InputLabelProps={{ shrink: true }}
          size="small"
        />
        <Box className={classes.grow} />
        <ActionButton
          variant="outlined"
          onClick={exportCsv}
          disabled={exporting}
        >
          {exporting ? 'Exporting…' : 'Export CSV'}
        </ActionButton>
      </Box>
      {exportError && (
        <InlineAlert severity="error" title="The export failed">
          {errorMessage(exportError)}
        </InlineAlert>
      )}
      {error ? (
        <ResponseErrorPanel error={error} />
      ) : (
        <>
          {value && value.totalCount > value.items.length && (
            <Typography variant="body2" color="textSecondary" paragraph>
              Showing the newest {value.items.length} of {value.totalCount}{' '}
              entries; narrow the filters or export them all as CSV.
            </Typography>
          )}
          <Table<AuditLogEntry>
            title={`Audit log (${value?.totalCount ?? 0})`}
            isLoading={loading}
            columns={columns}
            data={value?.items ?? []}
            options={{
              search: false,
              paging: true,
              pageSize: 20,
              pageSizeOptions: [20, 50, 100],
              padding: 'dense',
            }}
            detailPanel={({ rowData }) => <AuditEntryDetails entry={rowData} />}
            emptyContent={
              <Typography style={{ padding: 16 }}>
                No audit entries match these filters.
              </Typography>
            }
          />
        </>
      )}
    </>
  );
}

/** Who changed which integration when, with filters and CSV export; for those allowed to read it. */
export function AuditLogView() {
  const { loading, allowed } = usePermission({
    permission: auditReadPermission,
  });
  if (loading) {
    return <Progress />;
  }
  if (!allowed) {
    return (
      <InlineAlert severity="info" title="You may not read the audit log">
        Reading it takes the integrations.audit.read permission; ask an
        integration admin if you need it.
      </InlineAlert>
    );
  }
  return <AuditLog />;
}
