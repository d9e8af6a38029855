/**
 * A local stand-in for the external APIs the integration manager checks,
 * with knobs to make each one slow, flaky, rate limited, down or refusing
 * credentials.
 *
 * @packageDocumentation
 */

import { simulatedProviders } from './providers';

export { startProviderSimulator } from './startProviderSimulator';
export type {
  ProviderSimulator,
  ProviderSimulatorOptions,
} from './startProviderSimulator';
export type { SimulatorControl } from './state/SimulatorState';
export type { BehaviourPatch, ProviderBehaviour } from './state/behaviour';
export type { RecordedRequest } from './state/RequestLog';
export { simulatorCertificatePath } from './tls';

/** The ids of the simulated providers, each also the path prefix it answers under. */
export const SIMULATED_PROVIDERS: string[] = simulatedProviders.map(
  provider => provider.id,
);
