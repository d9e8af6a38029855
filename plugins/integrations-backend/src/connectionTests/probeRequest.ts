import {
  IntegrationConfig,
  ProbeRequest,
} from '@internal/plugin-integrations-common';
import { OutboundRequestError } from '../network';

/** What a probe's placeholders are filled from. */
export interface ProbeValues {
  config: IntegrationConfig;
  credentials: Record<string, string>;
}

/** A placeholder whose value is missing, so the request cannot be built. */
export class MissingValueError extends Error {
  constructor(
    readonly source: 'settings' | 'credentials',
    readonly field: string,
  ) {
    super(
      source === 'credentials'
        ? `Credential ${field} is not set`
        : `Setting ${field} is empty`,
    );
    this.name = 'MissingValueError';
  }
}

const PLACEHOLDER = /\{(settings|credentials)\.([A-Za-z0-9_]+)\}/g;

function valueOf(
  source: 'settings' | 'credentials',
  field: string,
  values: ProbeValues,
): string {
  const raw =
    source === 'credentials'
      ? values.credentials[field]
      : values.config.featureConfig.featureSettings[field];
  if (raw === undefined || raw === null || raw === '') {
    throw new MissingValueError(source, field);
  }
  return String(raw);
}

function fill(
  template: string,
  values: ProbeValues,
  encode: (
    value: string,
    at: { source: 'settings' | 'credentials'; offset: number },
  ) => string,
): string {
  return template.replace(
    PLACEHOLDER,
    (_match, source, field, offset: number) =>
      encode(valueOf(source, field, values), { source, offset }),
  );
}

/**
 * Encodes a value put into a probe's path. A setting that starts the path is
 * a whole path, such as the generic HTTP provider's `/health`: its slashes
 * and query are kept, with only what a URL cannot hold escaped. Anything else
 * (a credential, an id in the middle of a path) is one segment, so a slash
 * in it cannot reach another endpoint.
 */
function encodePathValue(
  value: string,
  at: { source: 'settings' | 'credentials'; offset: number },
): string {
  if (at.source === 'settings' && at.offset === 0) {
    // Escapes the admin already wrote (%20) are kept as they are.
    return encodeURI(value).replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
  }
  return encodeURIComponent(value);
}

function fillJson(node: unknown, values: ProbeValues): unknown {
  if (typeof node === 'string') {
    return fill(node, values, value => value);
  }
  if (Array.isArray(node)) {
    return node.map(item => fillJson(item, values));
  }
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        fillJson(value, values),
      ]),
    );
  }
  return node;
}

/** A setting the generic HTTP provider uses instead of a fixed value. */
function settingOr<T>(
  values: ProbeValues,
  setting: string | undefined,
  fallback: T,
): T {
  if (!setting) {
    return fallback;
  }
  const value = values.config.featureConfig.featureSettings[setting];
  return value === undefined ? fallback : (value as T);
}

/**
 * A probe goes to the API under the base URL and nowhere else: URLs resolve
 * `..` (and its encoded forms) before sending, so a path setting or an id of
 * `..` could otherwise reach another service on the same host, such as the
 * portal's own backend.
 */
function confineToBase(base: string, url: string): void {
  let target: URL;
  let root: URL;
  try {
    target = new URL(url);
    root = new URL(base);
  } catch {
    // Not a URL at all: the HTTP client refuses it with its own words.
    return;
  }
  const basePath = `${root.pathname.replace(/\/+$/, '')}/`;
  if (
    target.origin !== root.origin ||
    !`${target.pathname}/`.startsWith(basePath)
  ) {
    throw new OutboundRequestError(
      'blocked_by_policy',
      root.origin,
      `The probe path leaves the base URL's path ${basePath}: a path may not climb out with .. segments`,
    );
  }
}

/** The method, URL and body of a probe for one integration. */
export function buildProbeRequest(
  probe: ProbeRequest,
  values: ProbeValues,
): { method: string; url: string; body?: string; okStatus: number[] } {
  const base = values.config.connectionConfig.baseUrl.replace(/\/+$/, '');
  const path = fill(probe.path, values, encodePathValue);
  const query = probe.query
    ? `?${new URLSearchParams(
        Object.entries(probe.query).map(([key, value]) => [
          key,
          fill(value, values, v => v),
        ]),
      )}`
    : '';
  const okStatus = settingOr<number | undefined>(
    values,
    probe.okStatusSetting,
    undefined,
  );
  const url = `${base}${path}${query}`;
  confineToBase(base, url);
  return {
    method: settingOr(values, probe.methodSetting, probe.method),
    url,
    ...(probe.jsonBody !== undefined
      ? { body: JSON.stringify(fillJson(probe.jsonBody, values)) }
      : {}),
    okStatus: okStatus !== undefined ? [okStatus] : probe.okStatus ?? [200],
  };
}

/** The probe as people see it: the template, so no credential is shown. */
export function describeProbe(probe: ProbeRequest): string {
  const query = probe.query
    ? `?${new URLSearchParams(probe.query).toString()}`
    : '';
  return `${probe.method} ${probe.path}${query}`;
}

/** Reads `a.b.c` from a parsed JSON body. */
export function readPath(body: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) =>
        node && typeof node === 'object'
          ? (node as Record<string, unknown>)[key]
          : undefined,
      body,
    );
}

/** Whether a successful answer also has the shape the probe expects. */
export function meetsExpectation(
  probe: ProbeRequest,
  body: unknown,
): { met: boolean; actual: string } {
  if (!probe.expect) {
    return { met: true, actual: 'any body' };
  }
  const value = readPath(body, probe.expect.path);
  const shown =
    value === undefined ? 'missing' : JSON.stringify(value).slice(0, 80);
  if ('equals' in probe.expect && probe.expect.equals !== undefined) {
    return { met: value === probe.expect.equals, actual: shown };
  }
  return { met: Boolean(value), actual: shown };
}

/** What the probe expects, in words. */
export function describeExpectation(probe: ProbeRequest): string {
  if (!probe.expect) {
    return 'a successful answer';
  }
  return probe.expect.equals !== undefined
    ? `${probe.expect.path} = ${JSON.stringify(probe.expect.equals)}`
    : `${probe.expect.path} present`;
}
