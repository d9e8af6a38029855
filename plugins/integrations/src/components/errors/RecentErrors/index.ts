export { RecentErrors } from './RecentErrors';
