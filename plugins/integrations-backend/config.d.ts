export interface Config {
  integrations?: {
    demo?: {
      /**
       * Seed a realistic set of demo integrations on the first start, when the
       * database holds none. Meant for development and demos only.
       */
      seed?: boolean;
    };
    /** The key ring that protects stored credentials (envelope encryption). */
    encryption: {
      /** Id of the key that wraps new data keys; rotation re-wraps the rest under it. */
      primaryKeyId: string;
      /**
       * When the rotation re-wraps data keys under the primary key; every 30 minutes
       * by default (a run with nothing to do costs one query).
       */
      rotationSchedule?: {
        frequency: { [unit: string]: number } | { cron: string };
        timeout: { [unit: string]: number };
        initialDelay?: { [unit: string]: number };
      };
      keys: Array<{
        /** Stored with each credential; never reuse an id for another secret. */
        id: string;
        /**
         * At least 32 bytes of random secret.
         * @visibility secret
         */
        secret: string;
      }>;
    };
  };
}
