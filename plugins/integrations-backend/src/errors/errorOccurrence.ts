import { Environment, ErrorSource } from '@internal/plugin-integrations-common';
import { removeSecrets } from '../connectionTests/classifyFailure';

/**
 * One failure as a source reports it, before grouping. Request and response
 * must already be redacted ({@link redactData}); the message is redacted again
 * on capture.
 */
export interface ErrorOccurrence {
  /** Derived from the source's own id (`test:<run>`, `usage:<event>`), so a retry is one event. */
  id: string;
  integration: string;
  environment: Environment;
  source: ErrorSource;
  /** A failure class or a usage error type. */
  errorType: string;
  message: string;
  httpStatus?: number;
  providerCode?: string;
  documentationUrl?: string;
  endpoint?: string;
  operation?: string;
  requestData?: unknown;
  responseData?: unknown;
  requestId?: string;
  component?: string;
  userRef?: string;
  occurredAt: string;
}

/** Field names whose values are credentials whatever they hold. */
const SECRET_NAMES =
  /pass(word)?|secret|token|api[-_]?key|authorization|cookie|signature|credential|private[-_]?key|client[-_]?secret|session/i;

const MAX_DEPTH = 8;
const MAX_STRING = 2000;
const MAX_KEYS = 100;
const MAX_ITEMS = 50;
/** A stored request or response stays small enough to show and to keep. */
const MAX_JSON = 16_384;

/**
 * A request or response made safe to keep: every credential value and
 * anything shaped like a key removed, fields named like secrets masked,
 * depth, strings, keys and items cut. What is cut says so.
 */
export function redactData(value: unknown, secrets: string[]): unknown {
  const walk = (node: unknown, depth: number): unknown => {
    if (typeof node === 'string') {
      const text = removeSecrets(node, secrets);
      return text.length > MAX_STRING
        ? `${text.slice(0, MAX_STRING)}… (${
            text.length - MAX_STRING
          } more characters)`
        : text;
    }
    if (node === null || typeof node !== 'object') {
      return typeof node === 'number' || typeof node === 'boolean'
        ? node
        : null;
    }
    if (depth >= MAX_DEPTH) {
      return '… (nested too deep to keep)';
    }
    if (Array.isArray(node)) {
      const items = node.slice(0, MAX_ITEMS).map(item => walk(item, depth + 1));
      return node.length > MAX_ITEMS
        ? [...items, `… (${node.length - MAX_ITEMS} more items)`]
        : items;
    }
    const entries = Object.entries(node as Record<string, unknown>);
    const kept: Record<string, unknown> = {};
    for (const [key, item] of entries.slice(0, MAX_KEYS)) {
      if (key === '__proto__') {
        continue;
      }
      const safeKey = removeSecrets(key, secrets).slice(0, 200);
      kept[safeKey] = SECRET_NAMES.test(key) ? '***' : walk(item, depth + 1);
    }
    if (entries.length > MAX_KEYS) {
      kept['…'] = `${entries.length - MAX_KEYS} more fields`;
    }
    return kept;
  };
  const redacted = walk(value, 0);
  const json = JSON.stringify(redacted);
  if (json !== undefined && json.length > MAX_JSON) {
    return {
      truncated: `${json.length} characters, more than the ${MAX_JSON} kept`,
      start: json.slice(0, 2000),
    };
  }
  return redacted;
}

/** A response body as text made data: JSON when it parses, else the text. */
export function bodyData(bodyText: string | undefined): unknown {
  if (bodyText === undefined || bodyText === '') {
    return undefined;
  }
  try {
    return JSON.parse(bodyText);
  } catch {
    return bodyText;
  }
}
