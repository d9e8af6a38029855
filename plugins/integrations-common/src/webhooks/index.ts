export * from './endpoints';
export * from './deliveries';
export * from './inbound';
export * from './eventCatalog';
export * from './webhookDocs';
