export { ErrorsPage } from './ErrorsPage';
