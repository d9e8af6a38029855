import { Webhook } from 'standardwebhooks';
import { newSigningSecret, signMessage } from './signing';

describe('signing', () => {
  it('makes secrets of whsec_ and 32 random bytes, never the same twice', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newSigningSecret()).not.toBe(secret);
  });

  it('signs so that the Standard Webhooks library verifies the message', () => {
    const secret = newSigningSecret();
    const body = JSON.stringify({
      type: 'integration.health_changed',
      data: { status: 'down' },
    });
    const headers = signMessage({
      id: 'msg_1',
      timestamp: new Date(),
      body,
      secrets: [secret],
    });
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('signs with both secrets during a rotation, so a receiver holding either verifies', () => {
    const [oldSecret, newSecret] = [newSigningSecret(), newSigningSecret()];
    const body = '{"type":"alert.raised"}';
    const headers = signMessage({
      id: 'msg_2',
      timestamp: new Date(),
      body,
      secrets: [newSecret, oldSecret],
    });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newSecret).verify(body, headers)).not.toThrow();
    expect(() =>
      new Webhook(newSigningSecret()).verify(body, headers),
    ).toThrow();
  });

  it('signs the exact body: a changed byte no longer verifies', () => {
    const secret = newSigningSecret();
    const headers = signMessage({
      id: 'msg_3',
      timestamp: new Date(),
      body: '{"a":1}',
      secrets: [secret],
    });
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
  });
});
