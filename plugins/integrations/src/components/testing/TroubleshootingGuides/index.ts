export { TroubleshootingGuides } from './TroubleshootingGuides';
