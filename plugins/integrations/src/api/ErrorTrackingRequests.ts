import {
  ErrorPattern,
  ErrorPatternDetail,
  ErrorPatternsResponse,
  ErrorSummary,
  IncidentDetail,
  IncidentsResponse,
  IntegrationError,
  IntegrationErrorsResponse,
} from '@internal/plugin-integrations-common';
import { IntegrationsApi } from './IntegrationsApi';
import { enc, withQuery } from './requestPaths';

/** Sends one request to the integrations backend and reads its JSON answer. */
export type SendRequest = <T>(
  path: string,
  init?: { method: string; body?: unknown },
) => Promise<T>;

/** The part of the API that reads and triages grouped errors and their incidents. */
export type ErrorTrackingApi = Pick<
  IntegrationsApi,
  | 'getErrorSummary'
  | 'listErrorPatterns'
  | 'getErrorPattern'
  | 'listErrors'
  | 'getError'
  | 'resolveError'
  | 'setErrorPatternStatus'
  | 'snoozeErrorPattern'
  | 'wakeErrorPattern'
  | 'setErrorPatternSeverity'
  | 'mergeErrorPatterns'
  | 'unmergeErrorPattern'
  | 'setAutomatedFix'
  | 'runAutomatedFix'
  | 'listIncidents'
  | 'getIncident'
  | 'resolveIncident'
>;

type PatternAction =
  | 'status'
  | 'snooze'
  | 'severity'
  | 'merge'
  | 'unmerge'
  | 'automated-fix'
  | 'automated-fix/run';

/**
 * The error-tracking routes, kept apart from IntegrationsClient so that file
 * stays about configurations, health, tests and usage; the client hands them
 * its request helper and serves them as its own methods.
 */
export class ErrorTrackingRequests implements ErrorTrackingApi {
  private readonly send: SendRequest;

  constructor(send: SendRequest) {
    this.send = send;
  }

  getErrorSummary: ErrorTrackingApi['getErrorSummary'] = (query = {}) =>
    this.send<ErrorSummary>(withQuery('/errors/summary', { ...query }));

  listErrorPatterns: ErrorTrackingApi['listErrorPatterns'] = (query = {}) =>
    this.send<ErrorPatternsResponse>(
      withQuery('/error-patterns', { ...query }),
    );

  getErrorPattern: ErrorTrackingApi['getErrorPattern'] = patternId =>
    this.send<ErrorPatternDetail>(`/error-patterns/${enc(patternId)}`);

  listErrors: ErrorTrackingApi['listErrors'] = (query = {}) =>
    this.send<IntegrationErrorsResponse>(withQuery('/errors', { ...query }));

  getError: ErrorTrackingApi['getError'] = errorId =>
    this.send<IntegrationError>(`/errors/${enc(errorId)}`);

  resolveError: ErrorTrackingApi['resolveError'] = (errorId, request) =>
    this.send<ErrorPattern>(`/errors/${enc(errorId)}/resolve`, {
      method: 'POST',
      body: request,
    });

  setErrorPatternStatus: ErrorTrackingApi['setErrorPatternStatus'] = (
    patternId,
    status,
    note,
  ) => this.patternAction(patternId, 'status', { status, note });

  snoozeErrorPattern: ErrorTrackingApi['snoozeErrorPattern'] = (
    patternId,
    request,
  ) => this.patternAction(patternId, 'snooze', request);

  wakeErrorPattern: ErrorTrackingApi['wakeErrorPattern'] = patternId =>
    this.send<ErrorPattern>(`/error-patterns/${enc(patternId)}/snooze`, {
      method: 'DELETE',
    });

  setErrorPatternSeverity: ErrorTrackingApi['setErrorPatternSeverity'] = (
    patternId,
    severity,
  ) => this.patternAction(patternId, 'severity', { severity });

  mergeErrorPatterns: ErrorTrackingApi['mergeErrorPatterns'] = (
    patternId,
    patternIds,
  ) => this.patternAction(patternId, 'merge', { patternIds });

  unmergeErrorPattern: ErrorTrackingApi['unmergeErrorPattern'] = (
    patternId,
    mergedPatternId,
  ) => this.patternAction(patternId, 'unmerge', { patternId: mergedPatternId });

  setAutomatedFix: ErrorTrackingApi['setAutomatedFix'] = (patternId, enabled) =>
    this.patternAction(patternId, 'automated-fix', { enabled });

  runAutomatedFix: ErrorTrackingApi['runAutomatedFix'] = patternId =>
    this.patternAction(patternId, 'automated-fix/run', {});
  listIncidents: ErrorTrackingApi['listIncidents'] = (query = {}) =>
    this.send<IncidentsResponse>(withQuery('/incidents', { ...query }));

  getIncident: ErrorTrackingApi['getIncident'] = incidentId =>
    this.send<IncidentDetail>(`/incidents/${enc(incidentId)}`);

  resolveIncident: ErrorTrackingApi['resolveIncident'] = (
    incidentId,
    request,
  ) =>
    this.send<IncidentDetail>(`/incidents/${enc(incidentId)}/resolve`, {
      method: 'POST',
      body: request,
    });

  private patternAction(
    patternId: string,
    action: PatternAction,
    body: object,
  ): Promise<ErrorPattern> {
    return this.send<ErrorPattern>(
      `/error-patterns/${enc(patternId)}/${action}`,
      { method: 'POST', body },
    );
  }
}
