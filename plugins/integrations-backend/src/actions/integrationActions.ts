import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import { IntegrationConfig } from '@internal/plugin-integrations-common';
import { AlertService } from '../alerts/AlertService';
import { AuditStore } from '../audit/AuditStore';
import { ConfigStore } from '../configuration/ConfigStore';
import { ConfigurationService } from '../configuration/ConfigurationService';
import { ConnectionTestService } from '../connectionTests/ConnectionTestService';
import { ErrorService } from '../errors/ErrorService';
import { HealthService } from '../health/HealthService';
import { IncidentService } from '../incidents/IncidentService';
import { RequestGuard } from '../permissions/RequestGuard';
import { ConfigPropertyFilter } from '../permissions/rules';
import { RateLimitService } from '../rateLimits/RateLimitService';
import { registerAcknowledgeAlertAction } from './acknowledgeAlertAction';
import { PortalLinks } from './actionInputs';
import { registerConnectionTestAction } from './connectionTestAction';
import { registerCreateIntegrationAction } from './createIntegrationAction';
import { registerQuotaHeadroomAction } from './quotaHeadroomAction';
import { registerStatusActions } from './statusActions';

/**
 * The plugin's actions in Backstage's actions registry, for Scaffolder
 * templates (`integrations:<name>` steps) and AI agents (through the MCP
 * actions plugin). Each runs the code of the route it stands for, under the
 * permissions of whoever invoked it, and is audited as that route is.
 */
export function registerIntegrationActions(options: {
  registry: ActionsRegistryService;
  /** The portal's address, for links to its pages in the answers. */
  appBaseUrl?: string;
  permissionRuleset: PermissionRuleset<IntegrationConfig, ConfigPropertyFilter>;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  auditStore: AuditStore;
  configs: ConfigStore;
  configurations: ConfigurationService;
  tester: ConnectionTestService;
  health: HealthService;
  rateLimits: RateLimitService;
  errors: ErrorService;
  alerts: AlertService;
  incidents: IncidentService;
}) {
  const { registry } = options;
  const services = {
    ...options,
    guard: new RequestGuard(options),
    links: new PortalLinks(options.appBaseUrl),
  };
  registerStatusActions(registry, services);
  registerQuotaHeadroomAction(registry, services);
  registerConnectionTestAction(registry, services);
  registerAcknowledgeAlertAction(registry, services);
  registerCreateIntegrationAction(registry, services);
}
