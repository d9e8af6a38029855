/**
 * Types, schemas and permissions shared by the integrations frontend and backend.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './schemas';
export * from './boundedJson';
export * from './permissions';
export * from './api';
export * from './validation';
export * from './diff';
export * from './settings';
export * from './providers';
export * from './testing';
export * from './health';
export * from './testHistory';
export * from './schedule';
export * from './usage';
export * from './analytics';
export * from './rateLimits';
export * from './errors';
export * from './alerts';
export * from './incidents';
export * from './webhooks';
export * from './catalog';
