import { TestSuite } from '@internal/plugin-integrations-common';

/** The suites in the order they are offered, each with what it checks. */
export const SUITE_DESCRIPTIONS: Array<{
  suite: TestSuite;
  description: string;
}> = [
  {
    suite: 'quick',
    description:
      'Connectivity (DNS, TCP, TLS), the credentials, their scopes and one real API call.',
  },
  {
    suite: 'full',
    description:
      'Everything the quick test checks, plus response times over several requests.',
  },
  {
    suite: 'auth',
    description:
      'Only the credentials: token, an authenticated request and the granted scopes.',
  },
  {
    suite: 'performance',
    description: 'Response times over several authenticated requests.',
  },
  {
    suite: 'health',
    description:
      'What the scheduled health check runs: one authenticated request.',
  },
];
