/**
 * Types, schemas and permissions shared by the integrations frontend and backend.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './schemas';
export * from './permissions';
