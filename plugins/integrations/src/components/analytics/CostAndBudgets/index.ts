export { CostAndBudgets } from './CostAndBudgets';
