import {
  ResponseErrorPanel,
  StatusAborted,
  StatusOK,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  AUTH_TYPE_LABELS,
  ENVIRONMENTS,
  Environment,
  INTEGRATION_CATEGORY_LABELS,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import Typography from '@material-ui/core/Typography';
import { useIntegrationConfigs } from '../../hooks/useIntegrationConfigs';
import { ENVIRONMENT_LABELS } from '../../labels';

/** One integration with its configuration in each environment. */
interface IntegrationRow {
  id: string;
  name: string;
  displayName: string;
  description?: string;
  category: string;
  owner: string;
  authType: string;
  configs: Partial<Record<Environment, IntegrationConfig>>;
}

function toRows(configs: IntegrationConfig[]): IntegrationRow[] {
  const rows = new Map<string, IntegrationRow>();
  for (const config of configs) {
    const row = rows.get(config.name) ?? {
      id: config.name,
      name: config.name,
      displayName: config.displayName,
      description: config.description,
      category: INTEGRATION_CATEGORY_LABELS[config.category],
      owner: parseEntityRef(config.owner).name,
      authType: AUTH_TYPE_LABELS[config.authConfig.type],
      configs: {},
    };
    row.configs[config.environment] = config;
    rows.set(config.name, row);
  }
  return [...rows.values()];
}

function EnvironmentState({ config }: { config?: IntegrationConfig }) {
  if (!config) {
    return <Typography variant="body2">not configured</Typography>;
  }
  return config.enabled ? (
    <StatusOK>enabled · v{config.metadata.version}</StatusOK>
  ) : (
    <StatusAborted>disabled · v{config.metadata.version}</StatusAborted>
  );
}

const columns: TableColumn<IntegrationRow>[] = [
  {
    title: 'Integration',
    field: 'displayName',
    highlight: true,
    width: '30%',
    render: row => (
      <>
        <Typography variant="body2" component="span">
          <strong>{row.displayName}</strong> ({row.name})
        </Typography>
        {row.description && (
          <Typography variant="body2" color="textSecondary">
            {row.description}
          </Typography>
        )}
      </>
    ),
  },
  { title: 'Category', field: 'category' },
  { title: 'Owner', field: 'owner' },
  { title: 'Auth', field: 'authType' },
  ...ENVIRONMENTS.map(
    (environment): TableColumn<IntegrationRow> => ({
      title: ENVIRONMENT_LABELS[environment],
      field: `configs.${environment}.enabled`,
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => <EnvironmentState config={row.configs[environment]} />,
    }),
  ),
];

/** Each integration once, with its state in every environment. */
export function IntegrationsOverview() {
  const { value, loading, error } = useIntegrationConfigs({});

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  const rows = toRows(value?.items ?? []);
  return (
    <Table<IntegrationRow>
      title={`Integrations (${rows.length})`}
      isLoading={loading}
      columns={columns}
      data={rows}
      options={{ paging: false, search: true, padding: 'dense' }}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          No integrations are configured yet.
        </Typography>
      }
    />
  );
}
