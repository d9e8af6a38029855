import { randomUUID } from 'node:crypto';
import {
  IntegrationConfig,
  ProviderDefinition,
  ProviderOAuth,
  TestFailure,
  getProvider,
} from '@internal/plugin-integrations-common';
import { OutboundRequestError, SafeHttpClient } from '../network';
import { TokenRefreshLeaseStore } from './TokenRefreshLeaseStore';
import {
  CredentialService,
  OpenedCredentials,
} from '../credentials/CredentialService';
import {
  FailedAnswer,
  classifyAnswer,
  describeFailure,
} from '../connectionTests/classifyFailure';
import { classifyOutboundError } from '../connectionTests/classifyOutboundError';

/** How often a replica looks whether another one has finished refreshing. */
const LEASE_POLL_MS = 200;

/** A token refresh that failed, classified like any probe failure. */
export class TokenRefreshError extends Error {
  constructor(readonly failure: TestFailure) {
    super(failure.explanation);
    this.name = 'TokenRefreshError';
  }
}

/**
 * Classifies a refused token request. RFC 6749 answers a refused refresh
 * token with `invalid_grant`, but X and LinkedIn say `invalid_request` with
 * a description of the token being invalid, expired or revoked: that too
 * means the refresh token can no longer be used, not that the base URL
 * points at the wrong API.
 */
function classifyTokenAnswer(
  answer: FailedAnswer,
  provider: ProviderDefinition | undefined,
  oauth: ProviderOAuth,
  secrets: string[],
): TestFailure {
  const failure = classifyAnswer(answer, provider, secrets);
  if (
    answer.status !== 400 ||
    failure.class !== 'bad_response' ||
    oauth.grant !== 'refresh_token'
  ) {
    return failure;
  }
  let body: { error?: unknown; error_description?: unknown } | undefined;
  try {
    body = JSON.parse(answer.bodyText);
  } catch {
    return failure;
  }
  const description =
    typeof body?.error_description === 'string' ? body.error_description : '';
  const refused =
    body?.error === 'invalid_request' &&
    /\b(token|grant)\b/i.test(description) &&
    /invalid|expired|revoked/i.test(description);
  if (!refused) {
    return failure;
  }
  return describeFailure('auth_expired', provider, {
    httpStatus: failure.httpStatus,
    ...(failure.providerMessage
      ? { providerMessage: failure.providerMessage }
      : {}),
    ...(failure.retryAfterSeconds !== undefined
      ? { retryAfterSeconds: failure.retryAfterSeconds }
      : {}),
  });
}

/** An access token ready to use. */
export interface AccessToken {
  value: string;
  expiresAt?: string;
  /** Whether the token endpoint was called for it just now. */
  refreshed: boolean;
  /** Scopes the token endpoint granted, when it was called. */
  scopes?: string[];
}

/**
 * Whether the backend renews this configuration's access token itself: with
 * client credentials always, with a stored refresh token unless refreshing
 * is switched off.
 */
export function renewsAccessToken(
  config: IntegrationConfig,
  hasRefreshToken: boolean,
): boolean {
  const oauth = getProvider(config.provider)?.oauth;
  if (!oauth) {
    return false;
  }
  return (
    oauth.grant === 'client_credentials' ||
    (hasRefreshToken &&
      config.authConfig.tokenRefreshSettings?.enabled !== false)
  );
}

/** How long before its expiry an access token counts as due for renewal. */
export function refreshMarginMs(config: IntegrationConfig): number {
  return (
    (config.authConfig.tokenRefreshSettings?.refreshBeforeExpirySeconds ??
      300) * 1000
  );
}

/** Where the token endpoint of this integration is. */
export function tokenUrlOf(
  config: IntegrationConfig,
  oauth: ProviderOAuth,
): string {
  const url = config.authConfig.tokenUrl ?? oauth.tokenUrl;
  return url.startsWith('/')
    ? `${config.connectionConfig.baseUrl.replace(/\/+$/, '')}${url}`
    : url;
}

/**
 * Obtains OAuth 2.0 access tokens from the provider's token endpoint and keeps
 * them, and any rotated refresh token, in the vault.
 */
export class OAuthTokenService {
  private readonly http: SafeHttpClient;
  private readonly credentials: CredentialService;
  private readonly now: () => Date;
  /** Refreshes in progress, so concurrent callers share one (X accepts each refresh token once). */
  private readonly refreshes = new Map<string, Promise<AccessToken>>();
  private readonly leases?: TokenRefreshLeaseStore;

  constructor(options: {
    http: SafeHttpClient;
    credentials: CredentialService;
    /** Shared by the backend's replicas; without it refreshes are serialized in this process only. */
    leases?: TokenRefreshLeaseStore;
    now?: () => Date;
  }) {
    this.http = options.http;
    this.credentials = options.credentials;
    this.leases = options.leases;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The stored access token while it is fresh; otherwise, or with `force`, a
   * new one from the token endpoint.
   */
  async accessToken(
    config: IntegrationConfig,
    opened: OpenedCredentials,
    options: { actor: string; force?: boolean },
  ): Promise<AccessToken> {
    const oauth = getProvider(config.provider)?.oauth;
    const stored = opened.values.accessToken;
    const expiresAt = opened.expiresAt.accessToken;
    const fresh =
      stored !== undefined &&
      (!expiresAt ||
        Date.parse(expiresAt) - refreshMarginMs(config) > this.now().getTime());
    // A forced refresh only where one is possible and wanted: without a
    // refresh token, or with refreshing switched off, a fresh stored token
    // is the one to use.
    const force =
      options.force &&
      renewsAccessToken(config, opened.values.refreshToken !== undefined);
    if (!oauth || (fresh && !force)) {
      if (stored === undefined) {
        throw new TokenRefreshError(
          describeFailure('auth_invalid', getProvider(config.provider), {
            providerMessage: 'No access token is stored',
          }),
        );
      }
      return { value: stored, expiresAt, refreshed: false };
    }
    const key = `${config.name}:${config.environment}`;
    const running = this.refreshes.get(key);
    if (running) {
      return running;
    }
    // The refresh runs to its own timeout even if the caller gives up: a
    // provider that rotates refresh tokens has spent the old one once it
    // answers, so the answer must be stored.
    const refresh = this.refreshUnderLease(
      config,
      oauth,
      options.actor,
    ).finally(() => this.refreshes.delete(key));
    this.refreshes.set(key, refresh);
    return refresh;
  }

  /**
   * One refresh at a time per configuration across all replicas. A replica
   * that finds another one refreshing waits for it and uses what it stored.
   */
  private async refreshUnderLease(
    config: IntegrationConfig,
    oauth: ProviderOAuth,
    actor: string,
  ): Promise<AccessToken> {
    const requestedAt = this.now();
    if (!this.leases) {
      return this.refresh(config, oauth, actor, requestedAt);
    }
    const target = {
      integration: config.name,
      environment: config.environment,
    };
    const holder = randomUUID();
    // Long enough for the token call; a crashed holder frees it by expiring.
    const leaseMs = config.connectionConfig.timeout * 2;
    const giveUpAt = Date.now() + leaseMs + LEASE_POLL_MS * 4;
    for (;;) {
      const now = this.now();
      const acquired = await this.leases.tryAcquire(target, holder, {
        now,
        until: new Date(now.getTime() + leaseMs),
      });
      if (acquired) {
        try {
          return await this.refresh(config, oauth, actor, requestedAt);
        } finally {
          await this.leases.release(target, holder);
        }
      }
      if (Date.now() > giveUpAt) {
        throw new TokenRefreshError(
          describeFailure('timeout', getProvider(config.provider), {
            providerMessage:
              'Another backend instance has been refreshing this token for too long',
          }),
        );
      }
      await new Promise(resolve => setTimeout(resolve, LEASE_POLL_MS));
    }
  }

  private async refresh(
    config: IntegrationConfig,
    oauth: ProviderOAuth,
    actor: string,
    requestedAt: Date,
  ): Promise<AccessToken> {
    const provider = getProvider(config.provider);
    // Read the credentials again: a refresh that just finished may have rotated the refresh token.
    const opened = await this.credentials.openForUse(
      config.name,
      config.environment,
      { actor, purpose: 'token refresh' },
    );
    // Another replica refreshed while this one waited for the lease.
    const storedAt = opened.updatedAt.accessToken;
    if (
      opened.values.accessToken &&
      storedAt &&
      Date.parse(storedAt) >= requestedAt.getTime()
    ) {
      return {
        value: opened.values.accessToken,
        expiresAt: opened.expiresAt.accessToken,
        refreshed: true,
      };
    }
    const { clientId, clientSecret, refreshToken } = opened.values;
    const unusable = opened.expired.map(e => e.field);
    if (!clientSecret || (oauth.grant === 'refresh_token' && !refreshToken)) {
      const missing = !clientSecret ? 'clientSecret' : 'refreshToken';
      throw new TokenRefreshError(
        describeFailure(
          unusable.includes(missing) ? 'auth_expired' : 'auth_invalid',
          provider,
          {
            providerMessage: unusable.includes(missing)
              ? `The stored ${missing} has expired`
              : `No ${missing} is stored, so no access token can be issued`,
          },
        ),
      );
    }

    const form = new URLSearchParams({ grant_type: oauth.grant });
    if (oauth.grant === 'refresh_token') {
      form.set('refresh_token', refreshToken);
    }
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (oauth.clientAuthentication === 'basic') {
      headers.authorization = `Basic ${Buffer.from(
        `${encodeURIComponent(clientId ?? '')}:${encodeURIComponent(
          clientSecret,
        )}`,
      ).toString('base64')}`;
    } else {
      if (!oauth.clientSecretOnly && clientId) {
        form.set('client_id', clientId);
      }
      form.set('client_secret', clientSecret);
    }
    const secrets = Object.values(opened.values);

    let answer;
    try {
      answer = await this.http.request({
        url: tokenUrlOf(config, oauth),
        method: 'POST',
        headers,
        body: form.toString(),
        timeoutMs: config.connectionConfig.timeout,
      });
    } catch (error) {
      if (error instanceof OutboundRequestError) {
        throw new TokenRefreshError(classifyOutboundError(error, provider));
      }
      throw error;
    }
    const bodyText = answer.text();
    if (answer.status !== 200) {
      throw new TokenRefreshError(
        classifyTokenAnswer(
          { status: answer.status, headers: answer.headers, bodyText },
          provider,
          oauth,
          secrets,
        ),
      );
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(bodyText);
    } catch {
      body = {};
    }
    if (typeof body.access_token !== 'string' || !body.access_token) {
      throw new TokenRefreshError(
        describeFailure('bad_response', provider, {
          httpStatus: answer.status,
          providerMessage: 'The token endpoint answered without access_token',
        }),
      );
    }

    const issuedAt = this.now().getTime();
    const expiresAt =
      typeof body.expires_in === 'number'
        ? new Date(issuedAt + body.expires_in * 1000).toISOString()
        : undefined;
    const tokens: Record<string, { value: string; expiresAt?: string }> = {
      accessToken: { value: body.access_token, expiresAt },
    };
    if (typeof body.refresh_token === 'string' && body.refresh_token) {
      const refreshExpiresAt =
        typeof body.refresh_token_expires_in === 'number'
          ? new Date(
              issuedAt + body.refresh_token_expires_in * 1000,
            ).toISOString()
          : undefined;
      tokens.refreshToken = {
        value: body.refresh_token,
        expiresAt: refreshExpiresAt,
      };
    }
    await this.credentials.storeIssuedTokens(
      config.name,
      config.environment,
      tokens,
      actor,
    );
    const scope = typeof body.scope === 'string' ? body.scope : undefined;
    return {
      value: body.access_token,
      expiresAt,
      refreshed: true,
      ...(scope ? { scopes: scope.split(/[\s,]+/).filter(Boolean) } : {}),
    };
  }
}
