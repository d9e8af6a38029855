import { chooseDevPersona } from './DevSignInPage';

describe('chooseDevPersona', () => {
  const personas = ['admin', 'member', 'viewer'];

  beforeEach(() => window.localStorage.clear());

  it('signs in as the guest user when no persona was chosen', () => {
    expect(chooseDevPersona(personas, '', window.localStorage)).toBeUndefined();
  });

  it('remembers a persona chosen with ?as= for later visits', () => {
    expect(chooseDevPersona(personas, '?as=viewer', window.localStorage)).toBe(
      'viewer',
    );
    expect(chooseDevPersona(personas, '', window.localStorage)).toBe('viewer');
  });

  it('goes back to the guest user with ?as=guest', () => {
    chooseDevPersona(personas, '?as=member', window.localStorage);

    expect(
      chooseDevPersona(personas, '?as=guest', window.localStorage),
    ).toBeUndefined();
    expect(chooseDevPersona(personas, '', window.localStorage)).toBeUndefined();
  });

  it('ignores a persona the configuration does not know', () => {
    expect(
      chooseDevPersona(personas, '?as=root', window.localStorage),
    ).toBeUndefined();
  });
});
