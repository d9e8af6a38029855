import { Request, Router } from 'express';
import { RateLimitUsage } from '../state/RateLimitWindow';
import { ProviderContext, ProviderErrors, SimulatedProvider } from './types';
import { statusText } from './http';
import { randomAlphanumeric } from './oauth';

const TOKEN = /^(ghp_|github_pat_|gho_)[A-Za-z0-9_]+$/;
const DOCUMENTATION_URL = 'https://docs.github.com/rest';
const SEARCH_LIMIT = 30;

/** GitHub takes `Authorization: Bearer <token>` and the older `token <token>`. */
function githubToken(req: Request): string | undefined {
  return /^(?:Bearer|token) +(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
}

function githubError(status: number, message: string) {
  return {
    status,
    body: {
      message,
      documentation_url: DOCUMENTATION_URL,
      status: String(status),
    },
  };
}

const errors: ProviderErrors = {
  unauthorized: req =>
    githubError(
      401,
      req.get('authorization') ? 'Bad credentials' : 'Requires authentication',
    ),
  // GitHub refuses with 403 once the primary rate limit is spent.
  rateLimited: retryAfterSeconds => ({
    status: 403,
    body: {
      message: 'API rate limit exceeded for user ID 1.',
      documentation_url: `${DOCUMENTATION_URL}/overview/rate-limits-for-the-rest-api`,
    },
    headers:
      retryAfterSeconds === undefined
        ? undefined
        : { 'Retry-After': String(retryAfterSeconds) },
  }),
  failure: status =>
    status >= 500
      ? { status, body: { message: 'Server Error' } }
      : githubError(status, statusText(status)),
  notFound: () => githubError(404, 'Not Found'),
};

function coreRate(usage: RateLimitUsage) {
  return {
    limit: usage.limit,
    remaining: usage.remaining,
    reset: Math.ceil(usage.resetAt / 1000),
    used: usage.used,
    resource: 'core',
  };
}

function routes(context: ProviderContext): Router {
  const router = Router();
  router.use(
    context.requireCredentials(req => TOKEN.test(githubToken(req) ?? '')),
  );

  router.get('/user', (_req, res) => {
    res
      .set({
        'X-OAuth-Scopes': (context.behaviour().scopes ?? []).join(', '),
        'X-Accepted-OAuth-Scopes': '',
      })
      .json({
        login: 'acme-bot',
        id: 1,
        node_id: 'MDQ6VXNlcjE=',
        type: 'User',
        site_admin: false,
        name: 'Acme Bot',
        company: 'Acme Shop',
      });
  });

  router.get('/repos/:owner/:repo', (req, res) => {
    const { owner, repo } = req.params;
    res.json({
      id: 1296269,
      name: repo,
      full_name: `${owner}/${repo}`,
      private: true,
      owner: { login: owner, id: 1, type: 'Organization' },
      default_branch: 'main',
      open_issues_count: 2,
    });
  });

  router.get('/repos/:owner/:repo/issues', (req, res) => {
    const { owner, repo } = req.params;
    res.json(
      [1347, 1348].map(number => ({
        id: 1_000_000 + number,
        number,
        title: number === 1347 ? 'Checkout times out' : 'Add Brevo template',
        state: 'open',
        url: `https://api.github.com/repos/${owner}/${repo}/issues/${number}`,
      })),
    );
  });

  router.get('/rate_limit', (_req, res) => {
    const core = coreRate(context.rateLimitUsage());
    // Search has its own per-minute window, which nothing here spends.
    const search = {
      limit: SEARCH_LIMIT,
      remaining: SEARCH_LIMIT,
      reset: Math.ceil((context.now() + 60_000) / 1000),
      used: 0,
      resource: 'search',
    };
    res.json({ resources: { core, search }, rate: core });
  });

  return router;
}

export const githubProvider: SimulatedProvider = {
  id: 'github',
  defaultScopes: ['repo', 'read:org'],
  rateLimit: {
    limit: 5000,
    windowMs: 60 * 60 * 1000,
    headers: usage => ({
      'X-RateLimit-Limit': String(usage.limit),
      'X-RateLimit-Remaining': String(usage.remaining),
      'X-RateLimit-Reset': String(Math.ceil(usage.resetAt / 1000)),
      'X-RateLimit-Used': String(usage.used),
      'X-RateLimit-Resource': 'core',
    }),
    // Asking for the rate limit does not spend it.
    exempt: req => req.path === '/rate_limit',
  },
  errors,
  responseHeaders: () => ({
    'X-GitHub-Request-Id': randomAlphanumeric(8).toUpperCase(),
  }),
  routes,
};
