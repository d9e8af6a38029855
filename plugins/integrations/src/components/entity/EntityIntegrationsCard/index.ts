export { EntityIntegrationsCard } from './EntityIntegrationsCard';
