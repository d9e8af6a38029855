export { integrationsApiRef } from './IntegrationsApi';
export type {
  DownloadedFile,
  HealthHistoryQuery,
  HealthQuery,
  IntegrationsApi,
  TestRunsPage,
} from './IntegrationsApi';
export { IntegrationsClient } from './IntegrationsClient';
