import { LoggerService } from '@backstage/backend-plugin-api';
import { IntegrationsClientService } from '@internal/plugin-integrations-node';
import { DemoCall, demoTimeOf, loadFactor, pickCall } from './trafficPattern';

export interface TrafficSettings {
  /** Calls per second, across all integrations, at the busiest hour. */
  peakRequestsPerSecond: number;
  /** Real minutes one demo day lasts. */
  dayMinutes: number;
  /** The integrations environment the demo shop calls. */
  environment?: string;
}

const TICK_MS = 250;
/** Calls waiting on an answer at once; more are skipped, as a real shop's pool would queue them. */
const MAX_IN_FLIGHT = 32;

/**
 * Makes the demo shop's calls through the integrations client, at a rate
 * that follows the time of the (compressed) day, so usage analytics have
 * something alive to show.
 */
export class TrafficGenerator {
  private timer?: NodeJS.Timeout;
  private inFlight = 0;
  private failuresLogged = 0;

  constructor(
    private readonly options: {
      integrations: IntegrationsClientService;
      logger: LoggerService;
      settings: TrafficSettings;
      now?: () => Date;
      random?: () => number;
    },
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Starts this tick's share of calls; returns how many. */
  tick(): number {
    const { settings } = this.options;
    const now = this.options.now?.() ?? new Date();
    const random = this.options.random ?? Math.random;
    const { hour, weekday } = demoTimeOf(now, settings.dayMinutes);
    const expected =
      settings.peakRequestsPerSecond *
      loadFactor(hour, weekday) *
      (TICK_MS / 1000);
    const count = Math.floor(expected) + (random() < expected % 1 ? 1 : 0);
    let started = 0;
    for (let i = 0; i < count && this.inFlight < MAX_IN_FLIGHT; i++) {
      started += 1;
      void this.send(pickCall(random()));
    }
    return started;
  }

  private async send(call: DemoCall): Promise<void> {
    this.inFlight += 1;
    try {
      const response = await this.options.integrations.fetch(
        call.integration,
        call.path,
        {
          method: call.method,
          environment: this.options.settings.environment,
          component: call.component,
          endpoint: call.endpoint,
          ...(call.json !== undefined
            ? {
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(call.json),
              }
            : {}),
          ...(call.form !== undefined
            ? {
                headers: {
                  'content-type': 'application/x-www-form-urlencoded',
                },
                body: call.form,
              }
            : {}),
        },
      );
      // Read to the end so the connection is reused.
      await response.arrayBuffer();
      // The integrations backend's own refusal, not a provider's 403.
      if (
        response.status === 403 &&
        !response.headers.has('x-integrations-attempts')
      ) {
        this.logOnce(
          `The demo shop may not call ${call.integration}; check integrations.clients.demo-shop in the app config`,
        );
      }
    } catch (error) {
      this.logOnce(
        `The demo shop could not reach the integrations backend: ${
          (error as Error).message
        }`,
      );
    } finally {
      this.inFlight -= 1;
    }
  }

  /** Demo traffic should not flood the log: a few lines, then quiet. */
  private logOnce(message: string): void {
    if (this.failuresLogged >= 5) {
      return;
    }
    this.failuresLogged += 1;
    this.options.logger.warn(message);
  }
}
