import {
  AuthenticationTest,
  ConnectivityTest,
  FunctionalityTest,
  PerformanceTest,
  RateLimitReading,
} from '@internal/plugin-integrations-common';
import { formatDuration } from '../../../healthLabels';
import { absoluteTime, relativeTime } from '../../../labels';

/** One line of a summary: what was checked, and what was found. */
export type SummaryRow = [label: string, value: string];

const passed = (ok: boolean) => (ok ? 'passed' : 'failed');

export function connectivityRows(test: ConnectivityTest): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const { dnsResolution, tcpConnection, tlsCertificate, httpRequest } = test;
  if (dnsResolution) {
    rows.push([
      'DNS',
      `${passed(dnsResolution.passed)} in ${formatDuration(
        dnsResolution.durationMs,
      )}${
        dnsResolution.addresses.length
          ? ` · ${dnsResolution.addresses.join(', ')}`
          : ''
      }`,
    ]);
  }
  if (tcpConnection) {
    rows.push([
      'Connection',
      `${passed(tcpConnection.passed)} in ${formatDuration(
        tcpConnection.durationMs,
      )}${tcpConnection.address ? ` · ${tcpConnection.address}` : ''}`,
    ]);
  }
  if (tlsCertificate) {
    const details = [
      tlsCertificate.validTo &&
        `valid until ${absoluteTime(tlsCertificate.validTo)}`,
      tlsCertificate.daysUntilExpiry !== undefined &&
        `${tlsCertificate.daysUntilExpiry} days left`,
      tlsCertificate.issuer && `issued by ${tlsCertificate.issuer}`,
    ].filter(Boolean);
    rows.push([
      'TLS certificate',
      [passed(tlsCertificate.passed), ...details].join(' · '),
    ]);
  }
  if (httpRequest) {
    rows.push([
      'HTTP request',
      `${passed(httpRequest.passed)} in ${formatDuration(
        httpRequest.durationMs,
      )}${
        httpRequest.statusCode !== undefined
          ? ` · status ${httpRequest.statusCode}`
          : ''
      }`,
    ]);
  }
  return rows;
}

export function authenticationRows(test: AuthenticationTest): SummaryRow[] {
  const rows: SummaryRow[] = [
    ['Credentials', test.credentialsValid ? 'accepted' : 'refused'],
  ];
  if (test.tokenValid !== undefined) {
    rows.push(['Token', test.tokenValid ? 'valid' : 'not valid']);
  }
  if (test.tokenExpiresAt) {
    rows.push(['Token expires', relativeTime(test.tokenExpiresAt)]);
  }
  if (test.tokenRefreshed) {
    rows.push(['Token refreshed', 'yes, during this test']);
  }
  if (test.scopes) {
    const { granted, missing } = test.scopes;
    rows.push(['Scopes granted', granted.join(', ') || 'none']);
    if (missing.length > 0) {
      rows.push(['Scopes missing', missing.join(', ')]);
    }
  }
  return rows;
}

export function functionalityRows(test: FunctionalityTest): SummaryRow[] {
  return [
    [
      test.operation,
      `${passed(test.passed)} in ${formatDuration(test.durationMs)}`,
    ],
    ['Expected', test.expected],
    ['Got', test.actual],
  ];
}

export function performanceRows(test: PerformanceTest): SummaryRow[] {
  return [
    ['Samples', `${test.samples} (${test.failures} failed)`],
    [
      'Response time',
      `min ${formatDuration(test.minMs)} · median ${formatDuration(
        test.p50Ms,
      )} · p95 ${formatDuration(test.p95Ms)} · max ${formatDuration(
        test.maxMs,
      )}`,
    ],
  ];
}

export function rateLimitRows(reading: RateLimitReading): SummaryRow[] {
  const rows: SummaryRow[] = [];
  if (reading.remaining !== undefined) {
    rows.push([
      'Remaining',
      reading.limit !== undefined
        ? `${reading.remaining} of ${reading.limit}`
        : String(reading.remaining),
    ]);
  }
  if (reading.resetAt) {
    rows.push(['Resets', relativeTime(reading.resetAt)]);
  }
  return rows;
}
