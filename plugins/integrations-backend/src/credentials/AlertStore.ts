import { DatabaseService } from '@backstage/backend-plugin-api';
import { Environment } from '@internal/plugin-integrations-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';

/** An alert about one integration in one environment. */
export interface Alert {
  id: string;
  integration: string;
  environment: Environment;
  type: 'credential_expiry' | 'budget';
  severity: 'warning' | 'critical';
  title: string;
  message: string;
  status: 'open';
  /** The same condition raises one alert, however often it is checked. */
  dedupeKey: string;
  createdAt: string;
}

type AlertRow = {
  id: string;
  integration_name: string;
  environment: string;
  type: string;
  severity: string;
  title: string;
  message: string;
  status: string;
  dedupe_key: string;
  created_at: Date | string | number;
};

/** Alerts raised by the backend's checks. */
export interface AlertStore {
  /** Records alerts whose condition has not been recorded before; returns how many were new. */
  raise(alerts: Alert[]): Promise<number>;
  list(filter?: { integration?: string }): Promise<Alert[]>;
}

/** Knex-backed {@link AlertStore} for SQLite and PostgreSQL. */
export class DatabaseAlertStore implements AlertStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseAlertStore> {
    return new DatabaseAlertStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  /** Records alerts whose condition has not been recorded before; returns how many were new. */
  async raise(alerts: Alert[]): Promise<number> {
    let raised = 0;
    for (const alert of alerts) {
      const inserted = await this.db('alerts')
        .insert({
          id: alert.id,
          integration_name: alert.integration,
          environment: alert.environment,
          type: alert.type,
          severity: alert.severity,
          title: alert.title,
          message: alert.message,
          status: alert.status,
          dedupe_key: alert.dedupeKey,
          created_at: new Date(alert.createdAt),
        })
        .onConflict('dedupe_key')
        .ignore()
        .returning('id');
      raised += inserted.length;
    }
    return raised;
  }

  async list(filter: { integration?: string } = {}): Promise<Alert[]> {
    const query = this.db('alerts').orderBy('created_at', 'desc');
    if (filter.integration) {
      query.where('integration_name', filter.integration);
    }
    const rows: AlertRow[] = await query;
    return rows.map(row => ({
      id: row.id,
      integration: row.integration_name,
      environment: row.environment as Environment,
      type: row.type as Alert['type'],
      severity: row.severity as Alert['severity'],
      title: row.title,
      message: row.message,
      status: row.status as Alert['status'],
      dedupeKey: row.dedupe_key,
      createdAt: toIsoString(row.created_at),
    }));
  }
}
