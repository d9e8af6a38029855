export { TroubleshootingChecklist } from './TroubleshootingChecklist';
export type { TroubleshootingChecklistProps } from './TroubleshootingChecklist';
