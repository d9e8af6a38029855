export { ActivityFeed } from './ActivityFeed';
