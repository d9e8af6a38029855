import { AuditStore } from '../audit/AuditStore';
import { ConfigStore } from '../configuration/ConfigStore';
import { HealthStore } from './HealthStore';

/**
 * Only what the health service reads and writes: the health store, the
 * configuration listing it reports on, and the audit log for the activity
 * feed.
 */
export interface HealthServiceStores {
  readonly health: HealthStore;
  readonly audit: Pick<AuditStore, 'list'>;
  listConfigs: ConfigStore['listConfigs'];
}

export function healthServiceStores(stores: {
  configs: ConfigStore;
  health: HealthStore;
  audit: AuditStore;
}): HealthServiceStores {
  return {
    health: stores.health,
    audit: stores.audit,
    listConfigs: (filter, page) => stores.configs.listConfigs(filter, page),
  };
}
