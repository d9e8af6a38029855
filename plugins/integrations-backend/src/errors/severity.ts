import {
  ERROR_SEVERITIES,
  Environment,
  ErrorSeverity,
} from '@internal/plugin-integrations-common';

/** What a group's severity is computed from. */
export interface ErrorImpact {
  environment: Environment;
  errorType: string;
  /** Integrations that depend on this one. */
  dependentIntegrations: number;
  /** Catalog Components whose calls failed this way. */
  components: number;
  /** Events in the last hour. */
  lastHour: number;
  /** Events per hour over the day before the last hour. */
  usualPerHour: number;
}

/** How bad a failure class is on its own, before impact. */
const BASE: Record<string, ErrorSeverity> = {
  auth_invalid: 'high',
  auth_expired: 'high',
  not_configured: 'high',
  dns_failure: 'high',
  connection_refused: 'high',
  tls_error: 'high',
  permission_missing: 'medium',
  timeout: 'medium',
  connection_closed: 'medium',
  not_http: 'medium',
  provider_error: 'medium',
  rate_limited: 'medium',
  blocked_by_policy: 'medium',
  bad_response: 'low',
  request_invalid: 'low',
};

/** A surge: this many events in an hour, and this many times the usual. */
const SURGE_MIN_EVENTS = 10;
const SURGE_FACTOR = 5;
/** Dependents (integrations and Components) that make a failure wide. */
const WIDE_IMPACT = 3;

/**
 * The severity of a group from its failure class raised or lowered by
 * impact: production one step up, development one down; three or more
 * dependents one up; a surge against the usual rate one up. With the
 * reasons, so a person can see why and override it.
 */
export function severityOf(impact: ErrorImpact): {
  severity: ErrorSeverity;
  reason: string;
} {
  const base = BASE[impact.errorType] ?? 'medium';
  // Index 0 is critical: a step up is a step towards 0.
  let level = ERROR_SEVERITIES.indexOf(base);
  const reasons = [`${impact.errorType} is ${base} on its own`];
  if (impact.environment === 'production') {
    level -= 1;
    reasons.push('production');
  } else if (impact.environment === 'development') {
    level += 1;
    reasons.push('development only');
  }
  const dependents = impact.dependentIntegrations + impact.components;
  if (dependents >= WIDE_IMPACT) {
    level -= 1;
    reasons.push(
      `${impact.dependentIntegrations} dependent integrations and ${impact.components} Components affected`,
    );
  }
  if (
    impact.lastHour >= SURGE_MIN_EVENTS &&
    impact.lastHour > SURGE_FACTOR * impact.usualPerHour
  ) {
    level -= 1;
    reasons.push(
      `${impact.lastHour} in the last hour against ${
        Math.round(impact.usualPerHour * 10) / 10
      } an hour before`,
    );
  }
  const severity =
    ERROR_SEVERITIES[Math.min(Math.max(level, 0), ERROR_SEVERITIES.length - 1)];
  return { severity, reason: reasons.join(' · ') };
}
