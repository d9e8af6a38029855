export { ImpactButton } from './ImpactButton';
