import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  alertParamsSchema,
} from '@internal/plugin-integrations-common';
import { acknowledgeAlert } from '../alerts/acknowledgeAlert';
import { AlertService } from '../alerts/AlertService';
import { RequestGuard } from '../permissions/RequestGuard';
import { invalidFields } from '../requestErrors/invalidRequest';
import { environmentOutput } from './actionInputs';

export const ACKNOWLEDGE_ALERT = 'acknowledge-alert';

/**
 * `acknowledge-alert`: what the Acknowledge button of an alert does, with
 * the same permission and the same audit.
 */
export function registerAcknowledgeAlertAction(
  registry: ActionsRegistryService,
  options: { guard: RequestGuard; alerts: AlertService },
) {
  const { guard } = options;
  registry.register({
    name: ACKNOWLEDGE_ALERT,
    title: 'Acknowledge an integration alert',
    description:
      'Acknowledges an open alert about an integration by its id (from get-integration-status or list-integrations-with-problems), so its owners stop getting reminders; it still resolves by itself once its condition clears. Acknowledging an acknowledged alert changes nothing; a resolved one cannot be acknowledged. Needs the permission to resolve the integration’s errors; recorded in the audit log.',
    attributes: { readOnly: false, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          alertId: z.string().describe('The alert’s id, a UUID'),
        }),
      output: z =>
        z.object({
          id: z.string(),
          integration: z.string(),
          environment: environmentOutput(z),
          severity: z.enum(ALERT_SEVERITIES),
          title: z.string(),
          status: z.enum(ALERT_STATUSES),
          acknowledgedBy: z.string().optional(),
          acknowledgedAt: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const id = alertParamsSchema.shape.id.safeParse(input.alertId);
      if (!id.success) {
        throw invalidFields([
          { path: 'input.alertId', message: id.error.issues[0].message },
        ]);
      }
      const user = guard.userOf(credentials);
      const alert = await acknowledgeAlert(
        options,
        {
          actionName: ACKNOWLEDGE_ALERT,
          credentials: user,
        },
        user,
        id.data,
      );
      return {
        output: {
          id: alert.id,
          integration: alert.integration,
          environment: alert.environment,
          severity: alert.severity,
          title: alert.title,
          status: alert.status,
          ...(alert.acknowledgedBy
            ? { acknowledgedBy: alert.acknowledgedBy }
            : {}),
          ...(alert.acknowledgedAt
            ? { acknowledgedAt: alert.acknowledgedAt }
            : {}),
        },
      };
    },
  });
}
