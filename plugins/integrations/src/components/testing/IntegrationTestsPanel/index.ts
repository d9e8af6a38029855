export { IntegrationTestsPanel } from './IntegrationTestsPanel';
export type { IntegrationTestsPanelProps } from './IntegrationTestsPanel';
