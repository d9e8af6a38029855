export { ConfigurationForm } from './ConfigurationForm';
export type { ConfigurationFormProps } from './ConfigurationForm';
