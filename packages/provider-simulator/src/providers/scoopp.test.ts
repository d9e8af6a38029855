import { bearer, fakeClock, useSimulator } from '../testUtils';

const encode = (value: unknown) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

function jwt(header: object, payload: object) {
  return `${encode(header)}.${encode(payload)}.c2lnbmF0dXJl`;
}

describe('scoopp', () => {
  const clock = fakeClock();
  const simulator = useSimulator({ clock: clock.now });
  const seconds = () => Math.floor(clock.now() / 1000);
  const valid = () =>
    jwt(
      { alg: 'ES256', kid: 'key-2025' },
      { iat: seconds(), exp: seconds() + 300 },
    );

  it('answers the key and account of a well-formed JWT', async () => {
    const response = await simulator.request('/scoopp/v1/me', {
      headers: bearer(valid()),
    });

    expect(await response.json()).toEqual({
      keyId: 'key-2025',
      account: 'acme',
      buckets: 3,
    });
    expect(response.headers.get('ratelimit-limit')).toBe('1000');
  });

  it('answers a bucket', async () => {
    const response = await simulator.request(
      '/scoopp/v1/buckets/product-images',
      {
        headers: bearer(valid()),
      },
    );

    expect(await response.json()).toEqual({
      name: 'product-images',
      visibility: 'private',
      objectCount: expect.any(Number),
    });
  });

  it.each([
    ['not a JWT', () => 'opaque-token'],
    [
      'no kid',
      () => jwt({ alg: 'RS256' }, { iat: seconds(), exp: seconds() + 60 }),
    ],
    [
      'HS256',
      () =>
        jwt(
          { alg: 'HS256', kid: 'k' },
          { iat: seconds(), exp: seconds() + 60 },
        ),
    ],
    [
      'expired',
      () =>
        jwt(
          { alg: 'RS256', kid: 'k' },
          { iat: seconds() - 60, exp: seconds() - 1 },
        ),
    ],
  ])('refuses a token that is %s', async (_case, token) => {
    const response = await simulator.request('/scoopp/v1/me', {
      headers: bearer(token()),
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: 'invalid_token',
      message: expect.any(String),
    });
  });
});
