const GOOGLE = 'https://www.googleapis.com/auth/';

const googleScopes: Record<string, string[]> = {
  [`${GOOGLE}calendar`]: [
    `${GOOGLE}calendar.readonly`,
    `${GOOGLE}calendar.events`,
    `${GOOGLE}calendar.events.readonly`,
  ],
  [`${GOOGLE}calendar.readonly`]: [`${GOOGLE}calendar.events.readonly`],
  [`${GOOGLE}calendar.events`]: [`${GOOGLE}calendar.events.readonly`],
  [`${GOOGLE}analytics`]: [`${GOOGLE}analytics.readonly`],
};

/** GitHub's classic token scopes that include others. */
const githubScopes: Record<string, string[]> = {
  repo: [
    'repo:status',
    'repo_deployment',
    'public_repo',
    'repo:invite',
    'security_events',
  ],
  'admin:org': ['write:org', 'read:org'],
  'write:org': ['read:org'],
  'admin:public_key': ['write:public_key', 'read:public_key'],
  'write:public_key': ['read:public_key'],
  'admin:repo_hook': ['write:repo_hook', 'read:repo_hook'],
  'write:repo_hook': ['read:repo_hook'],
  'admin:gpg_key': ['write:gpg_key', 'read:gpg_key'],
  'write:gpg_key': ['read:gpg_key'],
  user: ['read:user', 'user:email', 'user:follow'],
  'write:packages': ['read:packages'],
};

/**
 * Scopes that include narrower ones, per provider: a token granted the
 * broader scope may do everything the narrower one allows (Google's
 * `calendar` covers `calendar.events`, GitHub's `admin:org` covers
 * `read:org`).
 */
const IMPLIED_SCOPES: Record<string, Record<string, string[]>> = {
  'google-analytics': googleScopes,
  'google-calendar': googleScopes,
  github: githubScopes,
};

/** The required scopes that neither the granted ones nor anything they include cover. */
export function missingScopes(
  provider: string,
  required: string[],
  granted: string[],
): string[] {
  const implied = IMPLIED_SCOPES[provider] ?? {};
  const covered = new Set(granted);
  for (const scope of granted) {
    for (const included of implied[scope] ?? []) {
      covered.add(included);
    }
  }
  return required.filter(scope => !covered.has(scope));
}
