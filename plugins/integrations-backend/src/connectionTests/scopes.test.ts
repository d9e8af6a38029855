import { missingScopes } from './scopes';

describe('missingScopes', () => {
  it('lists the required scopes that were not granted', () => {
    expect(missingScopes('github', ['repo', 'read:org'], ['repo'])).toEqual([
      'read:org',
    ]);
    expect(
      missingScopes('twitter', ['tweet.read', 'tweet.write'], ['tweet.read']),
    ).toEqual(['tweet.write']);
  });

  it('counts a broader scope as granting the narrower ones it includes', () => {
    expect(missingScopes('github', ['read:org'], ['admin:org'])).toEqual([]);
    expect(
      missingScopes(
        'google-calendar',
        ['https://www.googleapis.com/auth/calendar.events'],
        ['https://www.googleapis.com/auth/calendar'],
      ),
    ).toEqual([]);
  });

  it('does not read a narrower scope as a broader one', () => {
    expect(
      missingScopes(
        'google-calendar',
        ['https://www.googleapis.com/auth/calendar'],
        ['https://www.googleapis.com/auth/calendar.events'],
      ),
    ).toEqual(['https://www.googleapis.com/auth/calendar']);
    expect(missingScopes('github', ['admin:org'], ['read:org'])).toEqual([
      'admin:org',
    ]);
  });

  it('applies no inclusions across providers', () => {
    expect(missingScopes('twitter', ['read:org'], ['admin:org'])).toEqual([
      'read:org',
    ]);
  });
});
