export { CredentialsPanel } from './CredentialsPanel';
export type { CredentialsPanelProps } from './CredentialsPanel';
