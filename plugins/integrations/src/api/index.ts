export { integrationsApiRef } from './IntegrationsApi';
export type {
  HealthHistoryQuery,
  HealthQuery,
  IntegrationsApi,
  TestRunsPage,
} from './IntegrationsApi';
export { IntegrationsClient } from './IntegrationsClient';
