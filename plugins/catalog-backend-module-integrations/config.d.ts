export interface Config {
  catalog?: {
    providers?: {
      /** The integrations of the integrations backend, one Resource each. */
      integrations?: {
        /**
         * How often every integration is read again; changes in between
         * arrive as events. Every 30 minutes by default, the first time 15
         * seconds after the catalog starts.
         */
        schedule?: {
          frequency: { [unit: string]: number } | { cron: string };
          timeout: { [unit: string]: number };
          initialDelay?: { [unit: string]: number };
        };
      };
    };
  };
}
