import { RootConfigService } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
import { ErrorOccurrence } from './errorOccurrence';

/**
 * The grouping scheme of new groups. A group keeps the version that made
 * it: a later scheme computes the fingerprints of the earlier ones too and
 * looks them up first, so no existing group ever splits or regroups.
 */
export const GROUPING_VERSION = 1;

/** What a fingerprint rule from config matches; every given field must. */
export interface FingerprintRuleMatch {
  integration?: string;
  errorType?: string;
  httpStatus?: number;
  providerCode?: string;
  endpoint?: string;
  /** Case-insensitive part of the message. */
  messageIncludes?: string;
}

/** Config `integrations.errors.fingerprintRules`: the first match wins. */
export interface FingerprintRule {
  match: FingerprintRuleMatch;
  /** The group's name: every matching error of a configuration lands in it. */
  fingerprint: string;
}

/** The pieces a group is recognised by, and its hash. */
export interface Fingerprint {
  fingerprint: string;
  version: number;
  normalizedMessage: string;
  /** The rule that named the group, if one did. */
  rule?: string;
}

const VARIABLE_PARTS: Array<[RegExp, string]> = [
  // Addresses and links first: they hold numbers and ids of their own.
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '<email>'],
  [/\bhttps?:\/\/\S+/g, '<url>'],
  [
    /\b\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?/g,
    '<time>',
  ],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<id>'],
  // Provider ids: ch_3NaB…, cus_Q2…, req_…, evt_…
  [/\b[a-z]{2,8}_[a-z0-9]{8,}\b/g, '<id>'],
  [/\b[0-9a-f]{12,}\b/g, '<id>'],
  [/\b[a-z0-9]*\d[a-z0-9]*\b/g, '<n>'],
];

/**
 * A message with what changes between occurrences taken out: ids, numbers,
 * times, emails and links. "Charge ch_3N… of 2000 failed" and "Charge ch_9Q…
 * of 15 failed" are the same error.
 */
export function normalizeMessage(message: string): string {
  let text = message.toLowerCase();
  for (const [pattern, replacement] of VARIABLE_PARTS) {
    text = text.replace(pattern, replacement);
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}

function ruleMatches(match: FingerprintRuleMatch, error: ErrorOccurrence) {
  return (
    (match.integration === undefined ||
      match.integration === error.integration) &&
    (match.errorType === undefined || match.errorType === error.errorType) &&
    (match.httpStatus === undefined || match.httpStatus === error.httpStatus) &&
    (match.providerCode === undefined ||
      match.providerCode === error.providerCode) &&
    (match.endpoint === undefined || match.endpoint === error.endpoint) &&
    (match.messageIncludes === undefined ||
      error.message.toLowerCase().includes(match.messageIncludes.toLowerCase()))
  );
}

function hash(parts: Array<string | number | undefined>): string {
  return createHash('sha256')
    .update(parts.map(part => String(part ?? '')).join('\u0000'))
    .digest('hex')
    .slice(0, 40);
}

/**
 * The fingerprint of version 1: the configuration, the failure class, the
 * HTTP status, the endpoint, and the provider's own code when it gave one
 * (it is the provider's grouping) or else the normalized message.
 */
export function fingerprintOf(
  error: ErrorOccurrence,
  rules: FingerprintRule[] = [],
): Fingerprint {
  const normalizedMessage = normalizeMessage(error.message);
  const rule = rules.find(candidate => ruleMatches(candidate.match, error));
  if (rule) {
    return {
      fingerprint: `v${GROUPING_VERSION}:${hash([
        'rule',
        error.integration,
        error.environment,
        rule.fingerprint,
      ])}`,
      version: GROUPING_VERSION,
      normalizedMessage,
      rule: rule.fingerprint,
    };
  }
  return {
    fingerprint: `v${GROUPING_VERSION}:${hash([
      error.integration,
      error.environment,
      error.errorType,
      error.httpStatus,
      error.endpoint,
      error.providerCode
        ? `code:${normalizeMessage(error.providerCode)}`
        : normalizedMessage,
    ])}`,
    version: GROUPING_VERSION,
    normalizedMessage,
  };
}

/** Rules from `integrations.errors.fingerprintRules`, checked at start-up. */
export function fingerprintRulesFromConfig(
  config: RootConfigService,
): FingerprintRule[] {
  const entries =
    config.getOptionalConfigArray('integrations.errors.fingerprintRules') ?? [];
  return entries.map(entry => {
    const match = entry.getOptionalConfig('match');
    const httpStatus = match?.getOptionalNumber('httpStatus');
    const text = (key: string) => match?.getOptionalString(key);
    const rule: FingerprintRule = {
      fingerprint: entry.getString('fingerprint'),
      match: Object.fromEntries(
        Object.entries({
          integration: text('integration'),
          errorType: text('errorType'),
          httpStatus,
          providerCode: text('providerCode'),
          endpoint: text('endpoint'),
          messageIncludes: text('messageIncludes'),
        }).filter(([, value]) => value !== undefined),
      ),
    };
    if (!Object.keys(rule.match).length) {
      throw new Error(
        `integrations.errors.fingerprintRules: the rule "${rule.fingerprint}" matches nothing in particular; give it a match`,
      );
    }
    return rule;
  });
}
