import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ALERT_SEVERITIES,
  AlertSeverity,
  Environment,
  ErrorSummary,
  INCIDENTS_PAGE_LIMIT,
  IncidentsResponse,
} from '@internal/plugin-integrations-common';
import { Alert } from '../alerts/AlertStore';
import { AlertService } from '../alerts/AlertService';
import { ConfigStore } from '../configuration/ConfigStore';
import { errorVisibility } from '../errors/errorRoutes';
import { ErrorService, VisibleConfiguration } from '../errors/ErrorService';
import { IncidentService } from '../incidents/IncidentService';
import { RequestGuard } from '../permissions/RequestGuard';

/** What is open about one integration in one environment. */
export interface OpenProblems {
  /** Open and acknowledged alerts, newest first. */
  alerts: Alert[];
  alertCounts: Record<AlertSeverity, number> & { total: number };
  openIncidents: number;
  /** Absent when the caller may not read the integration's errors. */
  errorPatterns?: { open: number; critical: number };
}

/** Most alerts one answer lists per integration; the counts cover them all. */
export const LISTED_ALERTS = 10;

/**
 * The open alerts, incidents and error patterns of integrations, each read
 * as its own route lets the caller read it: alerts of the configurations
 * they may read, incidents and errors of those whose errors they may read.
 * Which errors those are is worked out once; the answer reads the problems
 * of the named integrations in one environment.
 */
export async function openProblemsFor(
  deps: {
    guard: RequestGuard;
    configs: ConfigStore;
    alerts: AlertService;
    errors: ErrorService;
    incidents: IncidentService;
  },
  credentials: BackstageCredentials,
) {
  const visible = await errorVisibility(deps.guard, deps.configs)(credentials);
  return async (
    environment: Environment,
    names: string[],
  ): Promise<Map<string, OpenProblems>> => {
    if (names.length === 0) {
      return new Map();
    }
    // An incident counts only when all its integrations are visible, so
    // every visible one of the environment is named, not only those asked.
    const errorsVisible = visible.filter(
      config => config.environment === environment,
    );
    const [{ items: alerts }, summary, incidents] = await Promise.all([
      deps.alerts.list({
        configurations: names.map(name => ({ name, environment })),
        status: 'active',
        limit: 100_000,
      }),
      deps.errors.summary(errorsVisible, { environment }),
      deps.incidents.list(errorsVisible, {
        environment,
        status: 'open',
        limit: INCIDENTS_PAGE_LIMIT,
      }),
    ]);
    return problemsByName(names, alerts, summary, incidents, errorsVisible);
  };
}

function problemsByName(
  names: string[],
  alerts: Alert[],
  summary: ErrorSummary,
  incidents: IncidentsResponse,
  errorsVisible: VisibleConfiguration[],
): Map<string, OpenProblems> {
  return new Map(
    names.map(name => {
      const own = alerts.filter(alert => alert.integration === name);
      const counts = Object.fromEntries(
        ALERT_SEVERITIES.map(severity => [
          severity,
          own.filter(alert => alert.severity === severity).length,
        ]),
      ) as Record<AlertSeverity, number>;
      const errors = summary.errorsByIntegration.find(
        row => row.integration === name,
      );
      const problems: OpenProblems = {
        alerts: own.slice(0, LISTED_ALERTS),
        alertCounts: { ...counts, total: own.length },
        openIncidents: incidents.items.filter(incident =>
          incident.integrations.includes(name),
        ).length,
        ...(errorsVisible.some(config => config.name === name)
          ? {
              errorPatterns: {
                open: errors?.openPatterns ?? 0,
                critical: errors?.criticalPatterns ?? 0,
              },
            }
          : {}),
      };
      return [name, problems];
    }),
  );
}
