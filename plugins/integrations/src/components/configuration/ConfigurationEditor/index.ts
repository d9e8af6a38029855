export { ConfigurationEditor } from './ConfigurationEditor';
export type { ConfigurationEditorProps } from './ConfigurationEditor';
