export { UsageForecast } from './UsageForecast';
