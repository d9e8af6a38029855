import { z } from 'zod';
import { ProviderDefinition } from './types';
import { credentialsObject, settingsObject, text, wholeNumber } from './fields';

export const githubProvider: ProviderDefinition = {
  id: 'github',
  displayName: 'GitHub',
  category: 'development',
  authType: 'api_key',
  description:
    'Repositories, issues, pull requests and Actions of the company’s GitHub organization.',
  docsUrl: 'https://docs.github.com/en/rest',
  defaultBaseUrl: 'https://api.github.com',
  apiVersion: '2022-11-28',
  defaultScopes: ['repo', 'read:org'],
  features: [
    {
      id: 'repositories',
      label: 'Repositories',
      description: 'List repositories and read their contents.',
    },
    {
      id: 'issues_and_pull_requests',
      label: 'Issues and pull requests',
      description: 'Read, open and comment on issues and pull requests.',
    },
    {
      id: 'actions',
      label: 'Actions',
      description: 'Follow workflow runs and trigger workflow dispatches.',
    },
    {
      id: 'webhooks',
      label: 'Webhooks',
      description: 'Receive events signed with the X-Hub-Signature-256 header.',
    },
  ],
  defaultFeatures: ['repositories', 'issues_and_pull_requests', 'webhooks'],
  settingsSchema: settingsObject({
    organization: text({
      title: 'Organization',
      description:
        'Login of the GitHub organization, as in github.com/<organization>.',
    })
      .regex(
        /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/,
        'Organization must be a GitHub login: up to 39 letters, digits or single hyphens',
      )
      .optional(),
    repositories: z
      .array(
        text({ title: 'Repository' }).regex(
          /^[A-Za-z0-9._-]{1,100}$/,
          'Repository must be a repository name such as backstage, without the owner',
        ),
        { error: 'Repositories must be a list of repository names' },
      )
      .max(100, 'Repositories can list at most 100 repositories')
      .meta({
        title: 'Repositories',
        description:
          'Repositories of the organization to watch; empty means all.',
      })
      .optional(),
    perPage: wholeNumber(
      {
        title: 'Page size',
        description: 'Items per page when listing; GitHub allows at most 100.',
      },
      1,
      100,
    ),
  }),
  defaultSettings: {
    perPage: 100,
  },
  credentialsSchema: credentialsObject({
    token: text({
      title: 'Token',
      description:
        'A fine-grained (github_pat_…) or classic (ghp_…) personal access token, or an OAuth token (gho_…).',
      secret: true,
    }).regex(
      /^(ghp_|github_pat_|gho_)[A-Za-z0-9_]+$/,
      'Token must start with ghp_, github_pat_ or gho_',
    ),
    webhookSecret: text({
      title: 'Webhook secret',
      description: 'Secret of the webhook, used to verify X-Hub-Signature-256.',
      secret: true,
    }).optional(),
  }),
  defaultMonitoring: {
    healthCheckInterval: 60,
    alertThresholds: { errorRate: 2, responseTime: 2000, uptime: 99.9 },
  },
  probes: {
    auth: { scheme: 'bearer', credential: 'token' },
    authCheck: {
      operation: 'Read the authenticated user',
      method: 'GET',
      path: '/user',
      expect: { path: 'login', truthy: true },
    },
    functional: {
      operation: 'Read the rate limit status',
      method: 'GET',
      path: '/rate_limit',
      expect: { path: 'resources.core', truthy: true },
    },
    scopes: { from: 'header', header: 'x-oauth-scopes' },
    rateLimit: {
      limit: 'x-ratelimit-limit',
      remaining: 'x-ratelimit-remaining',
      reset: 'x-ratelimit-reset',
      resetUnit: 'epoch_seconds',
    },
    // GitHub has no error codes: its message is the error.
    errorFormat: {
      code: ['message'],
      message: ['message'],
      documentationUrl: ['documentation_url'],
      requestIdHeader: 'x-github-request-id',
    },
    knownErrors: [
      {
        failure: 'rate_limited',
        match: { status: 403, bodyIncludes: 'rate limit' },
        explanation:
          'GitHub answers a spent rate limit with 403: the token used its 5,000 requests of this hour.',
        repairSteps: [
          'Wait until the time in X-RateLimit-Reset.',
          'Use a GitHub App installation token (higher limits) instead of a personal token.',
        ],
      },
      {
        failure: 'auth_invalid',
        explanation:
          'GitHub answered “Bad credentials”: the token expired, was revoked, or the organization requires SSO authorization for it.',
        repairSteps: [
          'Open GitHub → Settings → Developer settings → Personal access tokens and check the token’s expiry.',
          'Regenerate it (for fine-grained tokens, with access to the organization’s repositories).',
          'Replace it in Credentials → Token and run the test again.',
        ],
      },
      {
        failure: 'permission_missing',
        explanation:
          'The token lacks a scope this integration needs, or the organization has not authorized it for SSO.',
        repairSteps: [
          'Edit the token and add the missing scopes shown in the result.',
          'For SSO organizations, click “Configure SSO” next to the token and authorize it.',
        ],
      },
    ],
  },
  // GitHub signs no timestamp: replays are caught by X-GitHub-Delivery.
  inboundWebhooks: {
    scheme: 'github',
    secretField: 'webhookSecret',
    defaultToleranceSeconds: 0,
  },
};
