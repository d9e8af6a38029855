/** An access token a simulated token endpoint handed out. */
export interface IssuedToken {
  /** Absent for tokens that do not expire. */
  expiresAt?: number;
  scopes: string[];
  clientId?: string;
}

/**
 * The OAuth state shared by all providers: the access tokens the simulator
 * issued, so they can expire, and the refresh tokens that may no longer be
 * used. Tokens the simulator never issued are judged by their form alone,
 * since development data holds made-up tokens.
 */
export class TokenStore {
  private readonly issued = new Map<string, IssuedToken>();
  private readonly revoked = new Set<string>();

  constructor(private readonly now: () => number) {}

  issue(
    token: string,
    options: { expiresInSeconds?: number; scopes: string[]; clientId?: string },
  ): void {
    const { expiresInSeconds, ...rest } = options;
    this.issued.set(token, {
      ...rest,
      expiresAt:
        expiresInSeconds === undefined
          ? undefined
          : this.now() + expiresInSeconds * 1000,
    });
  }

  get(token: string): IssuedToken | undefined {
    return this.issued.get(token);
  }

  /** True only for tokens the simulator issued and whose lifetime has passed. */
  isExpired(token: string): boolean {
    const expiresAt = this.issued.get(token)?.expiresAt;
    return expiresAt !== undefined && expiresAt <= this.now();
  }

  revokeRefreshToken(token: string): void {
    this.revoked.add(token);
  }

  isRevoked(refreshToken: string): boolean {
    return this.revoked.has(refreshToken);
  }

  clear(): void {
    this.issued.clear();
    this.revoked.clear();
  }
}
