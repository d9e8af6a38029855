export { ProviderSettingsForm } from './ProviderSettingsForm';
export type { ProviderSettingsFormProps } from './ProviderSettingsForm';
