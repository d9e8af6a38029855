export { integrationsApiRef } from './IntegrationsApi';
export type {
  DownloadedFile,
  ErrorSummaryQuery,
  HealthHistoryQuery,
  HealthQuery,
  IntegrationsApi,
  PatternTriageStatus,
  TestRunsPage,
} from './IntegrationsApi';
export { IntegrationsClient } from './IntegrationsClient';
