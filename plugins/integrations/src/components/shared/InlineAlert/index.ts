export { InlineAlert } from './InlineAlert';
export type { InlineAlertProps } from './InlineAlert';
