export interface Config {
  integrations?: {
    demo?: {
      /**
       * Seed a realistic set of demo integrations on the first start, when the
       * database holds none. Meant for development and demos only.
       */
      seed?: boolean;
    };
  };
}
