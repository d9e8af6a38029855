import { describeProbe } from './probeRequest';
import { describeFailure } from './classifyFailure';
import { missingScopes } from './scopes';
import { StepDefinition, StepFailure } from './steps';
import { SuiteState } from './suiteState';

/** Access token, credentials accepted, scopes granted. */
export function authenticationSteps(
  suite: SuiteState,
): Record<'token' | 'auth_check' | 'scopes', StepDefinition> {
  return {
    token: {
      name: 'Access token',
      category: 'authentication',
      applies: () => suite.provider.probes.auth.scheme === 'oauth2',
      run: async () => {
        const token = await suite.tokens.accessToken(
          suite.options.config,
          suite.options.credentials,
          {
            actor: suite.options.actor,
            // A manual test proves the refresh works; a health check only needs a usable token.
            force: suite.options.suite !== 'health',
          },
        );
        suite.accessToken = token.value;
        suite.grantedScopes = token.scopes;
        suite.outcome.authentication = {
          ...suite.outcome.authentication,
          credentialsValid: true,
          tokenValid: true,
          tokenRefreshed: token.refreshed,
          ...(token.expiresAt ? { tokenExpiresAt: token.expiresAt } : {}),
        };
        return {
          message: token.refreshed
            ? `The token endpoint issued a new access token${
                token.expiresAt ? ` valid until ${token.expiresAt}` : ''
              }`
            : `The stored access token is valid${
                token.expiresAt ? ` until ${token.expiresAt}` : ''
              }`,
        };
      },
      onFailure: () => {
        suite.outcome.authentication = {
          credentialsValid: false,
          tokenValid: false,
        };
      },
    },
    auth_check: {
      name: 'Credentials accepted',
      category: 'authentication',
      target: describeProbe(suite.options.provider.probes.authCheck),
      applies: () => true,
      run: async () => {
        const probe = suite.provider.probes.authCheck;
        const { answer } = await suite.send(probe);
        suite.authCheckAnswer = answer;
        suite.outcome.responseTimeMs = Math.round(answer.timings.totalMs);
        suite.outcome.connectivity.httpRequest = {
          passed: true,
          statusCode: answer.status,
          durationMs: Math.round(answer.timings.totalMs),
        };
        suite.outcome.authentication = {
          ...suite.outcome.authentication,
          credentialsValid: true,
        };
        const low =
          suite.outcome.rateLimit?.limit &&
          suite.outcome.rateLimit.remaining !== undefined &&
          suite.outcome.rateLimit.remaining / suite.outcome.rateLimit.limit <
            0.1;
        return {
          message: `${probe.operation}: HTTP ${answer.status} in ${Math.round(
            answer.timings.totalMs,
          )} ms${
            low
              ? `; only ${suite.outcome.rateLimit?.remaining} of ${suite.outcome.rateLimit?.limit} requests left in the rate-limit window`
              : ''
          }`,
          warning: Boolean(low),
          target: describeProbe(probe),
        };
      },
      onFailure: failure => {
        suite.outcome.connectivity.httpRequest = {
          passed: failure.httpStatus !== undefined,
          statusCode: failure.httpStatus,
          durationMs: 0,
        };
        suite.outcome.authentication = {
          ...suite.outcome.authentication,
          credentialsValid: false,
        };
      },
    },
    scopes: {
      name: 'Scopes granted',
      category: 'permissions',
      applies: () => Boolean(suite.provider.probes.scopes),
      run: async () => {
        const required = suite.options.config.authConfig.scopes;
        const granted = await suite.readGrantedScopes();
        if (granted === undefined) {
          return {
            message: 'The provider did not report the granted scopes',
            warning: true,
          };
        }
        const missing = missingScopes(
          suite.options.config.provider,
          required,
          granted,
        );
        suite.outcome.authentication = {
          credentialsValid: true,
          ...suite.outcome.authentication,
          scopes: { required, granted, missing },
        };
        if (missing.length) {
          throw new StepFailure(
            describeFailure('permission_missing', suite.provider, {
              providerMessage: `Missing scopes: ${missing.join(', ')}`,
            }),
          );
        }
        return {
          message: required.length
            ? `All ${required.length} required scopes are granted`
            : `Granted: ${granted.join(', ') || 'none'}`,
        };
      },
    },
  };
}
