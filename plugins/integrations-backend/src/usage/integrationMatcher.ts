import {
  ENVIRONMENTS,
  Environment,
  IntegrationConfig,
} from '@internal/plugin-integrations-common';
import { ConfigStore } from '../configuration/ConfigStore';
import { IntegrationMatch } from './otlpSpans';

export interface CallTarget {
  integration: string;
  /** host:port, the port always written out. */
  authority: string;
  /** The base URL's path with a trailing slash. */
  path: string;
}

const DEFAULT_PORTS: Record<string, string> = {
  'http:': '80',
  'https:': '443',
};

function authorityOf(url: URL): string {
  return `${url.hostname.toLowerCase()}:${
    url.port || DEFAULT_PORTS[url.protocol] || ''
  }`;
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

function targetOf(config: IntegrationConfig): CallTarget | undefined {
  const { baseUrl } = config.connectionConfig;
  if (!baseUrl || !URL.canParse(baseUrl)) {
    return undefined;
  }
  const url = new URL(baseUrl);
  return {
    integration: config.name,
    authority: authorityOf(url),
    path: withSlash(url.pathname),
  };
}

/** Where each configuration of each environment sends its calls. */
export async function loadCallTargets(
  configs: ConfigStore,
): Promise<Map<Environment, CallTarget[]>> {
  const { items } = await configs.listConfigs({}, { limit: 100_000 });
  const targets = new Map<Environment, CallTarget[]>(
    ENVIRONMENTS.map(environment => [environment, []]),
  );
  for (const config of items) {
    const target = targetOf(config);
    if (target) {
      targets.get(config.environment)!.push(target);
    }
  }
  return targets;
}

/**
 * Finds the integration a call went to from its URL: the configuration
 * whose base URL has the same host and port and the longest path the call's
 * path starts with. Two integrations on one base URL (Stripe and Stripe
 * Connect) cannot be told apart by URL; the caller may name one (`hint`).
 */
export function matchIntegration(
  targets: CallTarget[],
  url: URL,
  hint: string | undefined,
): IntegrationMatch {
  if (hint && targets.some(target => target.integration === hint)) {
    return { integration: hint };
  }
  const authority = authorityOf(url);
  const path = withSlash(url.pathname);
  const candidates = targets.filter(
    target => target.authority === authority && path.startsWith(target.path),
  );
  if (!candidates.length) {
    return undefined;
  }
  const longest = Math.max(...candidates.map(target => target.path.length));
  const best = candidates.filter(target => target.path.length === longest);
  return best.length === 1
    ? { integration: best[0].integration }
    : { ambiguous: best.map(target => target.integration).sort() };
}
