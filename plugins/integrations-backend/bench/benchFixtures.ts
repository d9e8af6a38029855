import {
  ENVIRONMENTS,
  Environment,
  SettingsPatch,
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

type BenchStores = Awaited<ReturnType<typeof createStores>>;

/**
 * Creates generic HTTP integrations by name, 50 to a write, each in the
 * environments `configsOf` gives with the settings patched as it says.
 */
async function createGenericHttp(
  stores: BenchStores,
  names: string[],
  configsOf: (name: string) => Array<{
    environment: Environment;
    owner: string;
    patch: SettingsPatch;
  }>,
): Promise<string[]> {
  const provider = getProvider('generic-http')!;
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
        configs: configsOf(name).map(({ environment, owner, patch }) => ({
          environment,
          settings: applySettingsPatch(
            defaultSettingsFor(provider, environment, { owner }),
            patch,
          ),
        })),
      })),
      { actor: 'bench', at, audit: [] },
    );
  }
  return names;
}

/**
 * `count` generic HTTP integrations named `<prefix>-<n>`, in every
 * environment, each with a base URL of its own; their names.
 */
export function createIntegrations(
  stores: BenchStores,
  count: number,
  prefix: string,
): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  return createGenericHttp(stores, names, name =>
    ENVIRONMENTS.map(environment => ({
      environment,
      owner: `group:default/team-${name.length % 7}`,
      patch: { connectionConfig: { baseUrl: `https://${name}.example.com` } },
    })),
  );
}

/**
 * `count` generic HTTP integrations named `checks-<n>`, in production only,
 * calling `baseUrl` and switched off, so that switching them on makes every
 * one due for a health check at once; their names.
 */
export function createCheckableIntegrations(
  stores: BenchStores,
  count: number,
  baseUrl: string,
): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `checks-${i}`);
  return createGenericHttp(stores, names, () => [
    {
      environment: 'production',
      owner: 'group:default/platform-team',
      patch: {
        enabled: false,
        connectionConfig: { baseUrl },
        monitoringConfig: { healthCheckInterval: 30 },
      },
    },
  ]);
}
