import { LoggerService } from '@backstage/backend-plugin-api';

/** A demo integration whose provider sends webhooks, with the secret the demo stores for it. */
export interface DemoWebhookSender {
  integration: string;
  provider: string;
  secret: string;
}

/** Once a minute: enough for the inbound log to look alive. */
const DEFAULT_INTERVAL_MS = 60_000;

/**
 * Has the provider simulator send the shop's integrations a signed webhook
 * each, at start and then every minute, as Stripe and GitHub would send
 * theirs to the portal's receiver.
 */
export class DemoWebhooks {
  private timer?: NodeJS.Timeout;
  private failuresLogged = 0;

  constructor(
    private readonly options: {
      simulatorUrl: string;
      /** The receiver, such as http://localhost:7007/api/integrations/webhooks/inbound. */
      inboundUrl: string;
      environment: string;
      senders: DemoWebhookSender[];
      logger: LoggerService;
      intervalMs?: number;
    },
  ) {}

  start(): void {
    void this.sendAll();
    this.timer = setInterval(
      () => void this.sendAll(),
      this.options.intervalMs ?? DEFAULT_INTERVAL_MS,
    );
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One webhook per sender; answers the receiver's status of each. */
  async sendAll(): Promise<number[]> {
    return Promise.all(this.options.senders.map(sender => this.send(sender)));
  }

  private async send(sender: DemoWebhookSender): Promise<number> {
    const { simulatorUrl, inboundUrl, environment, logger } = this.options;
    try {
      const response = await fetch(
        `${simulatorUrl}/_control/${sender.provider}/webhooks`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            url: `${inboundUrl}/${encodeURIComponent(sender.integration)}`,
            secret: sender.secret,
            environment,
          }),
        },
      );
      const outcome = (await response.json()) as { status?: number };
      if (!response.ok || outcome.status !== 200) {
        throw new Error(
          `the simulator answered ${response.status}, the receiver ${outcome.status}`,
        );
      }
      return outcome.status;
    } catch (error) {
      // A stopped simulator would otherwise log every minute.
      if (this.failuresLogged < 3) {
        this.failuresLogged += 1;
        logger.warn(
          `The demo shop could not have the simulator send a ${
            sender.provider
          } webhook to ${sender.integration}: ${(error as Error).message}`,
        );
      }
      return 0;
    }
  }
}
