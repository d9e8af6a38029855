import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  INCIDENTS_SIGNAL_CHANNEL,
  IncidentsSignal,
} from '@internal/plugin-integrations-common';

/** Tells open pages an incident opened or changed; a lost signal costs a refresh, no more. */
export async function publishIncidentSignal(
  signals: SignalsService | undefined,
  logger: LoggerService,
  message: IncidentsSignal,
): Promise<void> {
  if (!signals) {
    return;
  }
  try {
    await signals.publish<IncidentsSignal & Record<string, any>>({
      recipients: { type: 'broadcast' },
      channel: INCIDENTS_SIGNAL_CHANNEL,
      message: { ...message },
    });
  } catch (error) {
    logger.warn(`Could not announce an incident change: ${error}`);
  }
}
