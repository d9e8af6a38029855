export interface Config {
  app?: {
    /**
     * Development sign-in. When personas are listed, `?as=<persona>` in any
     * portal URL signs in as that persona through the backend's dev-persona
     * provider, and `?as=guest` goes back to the default guest sign-in.
     */
    devSignIn?: {
      /** @visibility frontend */
      personas?: string[];
    };
  };
}
