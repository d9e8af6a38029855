export { AuditLogView } from './AuditLogView';
