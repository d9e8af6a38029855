import { TestFailure, TestStep } from '@internal/plugin-integrations-common';

export type StepId =
  | 'dns_resolve'
  | 'tcp_connect'
  | 'tls_certificate'
  | 'token'
  | 'auth_check'
  | 'scopes'
  | 'functional'
  | 'performance';

/** One step of a suite: whether it applies to the integration, and what it does. */
export interface StepDefinition {
  name: string;
  category: TestStep['category'];
  /** The request the step makes, as a template (shown when it fails). */
  target?: string;
  applies: () => boolean;
  run: () => Promise<{ message: string; warning?: boolean; target?: string }>;
  onFailure?: (failure: TestFailure) => void;
}

/** A step failed with an already classified failure. */
export class StepFailure extends Error {
  constructor(readonly failure: TestFailure, message?: string) {
    super(message ?? failure.explanation);
  }
}
