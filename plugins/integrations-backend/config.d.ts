export interface Config {
  integrations?: {
    demo?: {
      /**
       * Seed a realistic set of demo integrations on the first start, when the
       * database holds none. Meant for development and demos only.
       */
      seed?: boolean;
      /**
       * Point the demo integrations at the provider simulator: http for
       * development, https (its development certificate) elsewhere.
       */
      simulator?: {
        url: string;
        httpsUrl?: string;
      };
      /**
       * The demo shop's calls through the integrations client (development
       * only): a daily pattern against the provider simulator.
       */
      traffic?: {
        enabled?: boolean;
        /** Calls per second across all integrations at the busiest hour; 4 by default. */
        peakRequestsPerSecond?: number;
        /** Real minutes a demo day lasts; 10 by default. */
        dayMinutes?: number;
        /** The environment called; else the one in integrations.clients.demo-shop. */
        environment?: 'production' | 'staging' | 'development';
      };
    };
    /**
     * Backend plugins that may call integrations through
     * `@internal/plugin-integrations-node`, by plugin id. A plugin not listed
     * is refused.
     */
    clients?: {
      [pluginId: string]: {
        /** Integration names, or `['*']` for all of them. */
        integrations: string[];
        /** The environment called when the plugin names none; production by default. */
        environment?: 'production' | 'staging' | 'development';
      };
    };
    /** The one HTTP client every outbound call goes through. */
    network?: {
      /**
       * Address ranges (CIDR) that may be called although they are private,
       * loopback or link-local. Empty by default: only public addresses.
       */
      allowedCidrs?: string[];
      /** PEM files of extra certificate authorities to trust, e.g. a TLS-inspecting proxy. */
      trustedCertificateFiles?: string[];
      /** Extra certificate authorities as PEM text (use `$file:` to read one). */
      trustedCertificates?: string[];
      connectTimeoutMs?: number;
      timeoutMs?: number;
      maxResponseBytes?: number;
    };
    /** The append-only audit log. */
    audit?: {
      /**
       * Days audit rows are kept; older ones are removed daily by the
       * retention task, which records what it removed. 365 by default; at
       * least 30 (the database refuses to delete younger rows).
       */
      retentionDays?: number;
    };
    /** Scheduled health checks of every enabled configuration. */
    health?: {
      /**
       * How often the task looks for configurations whose own
       * healthCheckInterval has passed; every 10 seconds by default.
       */
      schedule?: {
        frequency: { [unit: string]: number } | { cron: string };
        timeout: { [unit: string]: number };
        initialDelay?: { [unit: string]: number };
      };
      /** Checks running at the same time; 20 by default. */
      concurrency?: number;
      /** Days test runs are kept; rollups are kept 35 days. 14 by default. */
      runRetentionDays?: number;
    };
    /** Usage of integrations reported by the company's services. */
    usage?: {
      /**
       * Days raw usage events (and minute rollups) are kept; hours are kept
       * 90 days and days two years. Events older than this are refused at
       * ingest. 14 by default.
       */
      retentionDays?: number;
      /** How often new events are rolled up; every minute by default. */
      rollupSchedule?: {
        frequency: { [unit: string]: number } | { cron: string };
        timeout: { [unit: string]: number };
        initialDelay?: { [unit: string]: number };
      };
      /**
       * Seconds a usage analytics answer is served to everyone who asks the
       * same over the same configurations; the rollups it is read from
       * change about once a minute. 30 by default; with 0 only callers
       * asking while it is computed share it.
       */
      analyticsCacheSeconds?: number;
      /** The currency prices and budgets are in; EUR by default. */
      currency?: string;
      /**
       * What providers cost: per integration or per provider, optionally in
       * one environment, a monthly fee and prices per operation
       * (`METHOD /template` or `*`) per call or per billed unit.
       */
      pricing?: Array<{
        integration?: string;
        provider?: string;
        environment?: string;
        monthly?: number;
        operations?: Array<{
          endpoint: string;
          perCall?: number;
          perUnit?: number;
        }>;
      }>;
      /** Monthly budgets per integration or per team (a group ref). */
      budgets?: Array<{
        integration?: string;
        team?: string;
        monthly: number;
        /** 80 by default. */
        warningPercent?: number;
        /** 100 by default. */
        criticalPercent?: number;
      }>;
    };
    /**
     * Alerts from each configuration's monitoring thresholds, its health,
     * rate limits, credentials and budgets.
     */
    alerts?: {
      /** How often the rules are evaluated and reminders sent; every minute by default. */
      schedule?: {
        frequency: { [unit: string]: number } | { cron: string };
        timeout: { [unit: string]: number };
        initialDelay?: { [unit: string]: number };
      };
      /**
       * Consecutive evaluations that must find a condition clear before its
       * alert resolves; 3 by default.
       */
      resolveAfterChecks?: number;
      /** Reminders while nobody acknowledges an alert. */
      escalation?: {
        /** Minutes after the notification before the first reminder; 30 by default. */
        ackTimeoutMinutes?: number;
        /** Minutes between further reminders; 60 by default. */
        repeatMinutes?: number;
        /** Reminders at most; 3 by default, 0 for none. */
        maxRepeats?: number;
      };
    };
    /** Error tracking and the incidents correlated from it. */
    errors?: {
      /**
       * Error groups that start (or regress) this many minutes apart or less
       * are correlated into incidents; 10 by default.
       */
      incidentWindowMinutes?: number;
      /**
       * A configuration change or credential update of an integration this
       * many minutes before one of its groups started is taken as the likely
       * cause; 30 by default.
       */
      incidentChangeLookbackMinutes?: number;
      /** How often groups are correlated into incidents; every minute by default. */
      incidentSchedule?: {
        frequency: { [unit: string]: number } | { cron: string };
        timeout: { [unit: string]: number };
        initialDelay?: { [unit: string]: number };
      };
    };
    /** Webhooks: sent to the endpoints people add, and received from providers. */
    webhooks?: {
      /**
       * How often each backend looks for due deliveries (retries, and what
       * other backends queued); every 2 seconds by default. A change that
       * queues a delivery wakes the dispatcher of its backend at once.
       */
      dispatchSchedule?: {
        frequency: { [unit: string]: number } | { cron: string };
        timeout: { [unit: string]: number };
        initialDelay?: { [unit: string]: number };
      };
      /** Days finished deliveries, their attempts and events are kept; 30 by default. */
      retentionDays?: number;
      inbound?: {
        /** Days a received webhook stays in the inbound log; 30 by default. */
        retentionDays?: number;
        /**
         * Webhooks one integration may send, per backend replica: a token
         * bucket refilled at `perSecond` (50 by default) holding at most
         * `burst` (100 by default); beyond it the receiver answers 429.
         */
        rateLimit?: {
          perSecond?: number;
          burst?: number;
        };
      };
    };
    /** OAuth access tokens are refreshed before they expire. */
    tokenRefresh?: {
      /** Every 5 minutes by default. */
      schedule?: {
        frequency: { [unit: string]: number } | { cron: string };
        timeout: { [unit: string]: number };
        initialDelay?: { [unit: string]: number };
      };
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
