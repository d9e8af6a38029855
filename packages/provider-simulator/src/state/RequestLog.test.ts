import { redactPath } from './RequestLog';

describe('redactPath', () => {
  it.each([
    ['/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe', '/bot***/getMe'],
    ['/bot123/getMe', '/bot***/getMe'],
    ['/v1/keys/sk_test_4eC39HqLyjWDarjtT1zdp7dc', '/v1/keys/***'],
    ['/repos/ghp_abc/issues', '/repos/***/issues'],
    ['/v1/buckets/bottles', '/v1/buckets/bottles'],
    ['/v3/account', '/v3/account'],
  ])('records %s as %s', (path, recorded) => {
    expect(redactPath(path)).toBe(recorded);
  });
});
