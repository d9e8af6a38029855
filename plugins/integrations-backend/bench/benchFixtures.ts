import {
  ENVIRONMENTS,
  applySettingsPatch,
  defaultSettingsFor,
  getProvider,
} from '@internal/plugin-integrations-common';
import { createStores } from '../src/__testUtils__/createStores';

/** A small, fast, seeded random source, so every run sees the same data. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The `q` quantile (0–1) of sorted timings. */
export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * `count` generic HTTP integrations named `<prefix>-<n>`, in every
 * environment, each with a base URL of its own; their names.
 */
export async function createIntegrations(
  stores: Awaited<ReturnType<typeof createStores>>,
  count: number,
  prefix: string,
): Promise<string[]> {
  const provider = getProvider('generic-http')!;
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const at = new Date();
  for (let start = 0; start < names.length; start += 50) {
    await stores.configs.apply(
      names.slice(start, start + 50).map(name => ({
        kind: 'create' as const,
        integration: {
          name,
          provider: provider.id,
          category: provider.category,
        },
        configs: ENVIRONMENTS.map(environment => ({
          environment,
          settings: applySettingsPatch(
            defaultSettingsFor(provider, environment, {
              owner: `group:default/team-${name.length % 7}`,
            }),
            { connectionConfig: { baseUrl: `https://${name}.example.com` } },
          ),
        })),
      })),
      { actor: 'bench', at, audit: [] },
    );
  }
  return names;
}

/**
 * `count` generic HTTP integrations named `checks-<n>`, in production only,
 * calling `baseUrl` and switched off, so that switching them on makes every
 * one due for a health check at once; their names.
 */
export async function createCheckableIntegrations(
  stores: Awaited<ReturnType<typeof createStores>>,
  count: number,
  baseUrl: string,
): Promise<string[]> {
  const provider = getProvider('generic-http')!;
  const names = Array.from({ length: count }, (_, i) => `checks-${i}`);
  const at = new Date();
  for (let start = 0; start < names.length; start += 50) {
    await stores.configs.apply(
      names.slice(start, start + 50).map(name => ({
        kind: 'create' as const,
        integration: {
          name,
          provider: provider.id,
          category: provider.category,
        },
        configs: [
          {
            environment: 'production' as const,
            settings: applySettingsPatch(
              defaultSettingsFor(provider, 'production', {
                owner: 'group:default/platform-team',
              }),
              {
                enabled: false,
                connectionConfig: { baseUrl },
                monitoringConfig: { healthCheckInterval: 30 },
              },
            ),
          },
        ],
      })),
      { actor: 'bench', at, audit: [] },
    );
  }
  return names;
}
