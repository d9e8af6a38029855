export { ConfigDiffView } from './ConfigDiffView';
export type { ConfigDiffViewProps } from './ConfigDiffView';
