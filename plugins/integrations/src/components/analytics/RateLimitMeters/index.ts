export { RateLimitMeters } from './RateLimitMeters';
