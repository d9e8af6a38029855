import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  IntegrationAlert,
  errorResolvePermission,
} from '@internal/plugin-integrations-common';
import { ChangeOrigin, RequestGuard } from '../permissions/RequestGuard';
import { AlertService } from './AlertService';
import { toIntegrationAlert } from './alertShape';

/**
 * Acknowledges an alert for the caller, who needs the permission to resolve
 * its integration's errors; audited whether it is allowed or not. The
 * acknowledge route and the acknowledge-alert action both come here.
 */
export async function acknowledgeAlert(
  options: { guard: RequestGuard; alerts: AlertService },
  origin: ChangeOrigin,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  id: string,
): Promise<IntegrationAlert> {
  const { guard, alerts } = options;
  const alert = await alerts.get(id);
  if (!alert) {
    throw new NotFoundError(`There is no alert ${id}`);
  }
  const acknowledged = await guard.changeConfiguration(
    origin,
    credentials,
    {
      eventId: 'integration-alert-acknowledge',
      action: 'alert_acknowledge',
      permission: errorResolvePermission,
      name: alert.integration,
      environment: alert.environment,
      severityLevel: 'low',
    },
    () => alerts.acknowledge(id, guard.actor(origin, credentials)),
  );
  return toIntegrationAlert(acknowledged);
}
