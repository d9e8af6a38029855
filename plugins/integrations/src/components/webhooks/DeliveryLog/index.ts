export { DeliveryLog } from './DeliveryLog';
export { NO_DELIVERY_FILTERS } from './DeliveryFilters';
export type { DeliveryFilterValues } from './DeliveryFilters';
