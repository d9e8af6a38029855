import fc from 'fast-check';
import {
  AddressClass,
  classifyAddress,
  isAddressAllowed,
  parseCidrList,
} from './addressPolicy';

describe('classifyAddress', () => {
  it.each<[string, AddressClass]>([
    ['93.184.215.14', 'public'],
    ['8.8.8.8', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['169.254.1.1', 'link_local'],
    ['fe80::1', 'link_local'],
    ['fe80::1%eth0', 'link_local'],
    ['fc00::1', 'unique_local'],
    ['fd12::1', 'unique_local'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['203.0.113.7', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['fec0::1', 'reserved'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'], // Teredo
    ['64:ff9b:1::a00:1', 'reserved'], // local-use NAT64: embedding unknown
    ['::7f00:1', 'reserved'], // deprecated IPv4-compatible ::127.0.0.1
    ['4000::1', 'reserved'], // outside 2000::/3
    // IPv6 forms that embed an IPv4 address are judged by that address.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:0:a00:1', 'private'], // IPv4-translated 10.0.0.1
    ['64:ff9b::a9fe:a9fe', 'metadata'], // NAT64 of 169.254.169.254
    ['64:ff9b::808:808', 'public'],
    ['2002:a9fe:a9fe::', 'metadata'], // 6to4 of 169.254.169.254
    ['2002:c0a8:101::1', 'private'], // 6to4 of 192.168.1.1
    ['2002:808:808::1', 'public'],
  ])('classifies %s as %s', (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it.each(['127.1', '2130706433', '0x7f.0.0.1', 'localhost', '', '[::1]'])(
    'rejects %j, which is not a plain IP address',
    input => {
      expect(() => classifyAddress(input)).toThrow('is not an IP address');
    },
  );

  it('judges IPv4-mapped, NAT64 and 6to4 forms like the IPv4 address in them', () => {
    fc.assert(
      fc.property(fc.ipV4(), ip => {
        const [a, b, c, d] = ip.split('.').map(Number);
        const high = ((a << 8) | b).toString(16);
        const low = ((c << 8) | d).toString(16);
        const expected = classifyAddress(ip);
        expect(classifyAddress(`::ffff:${ip}`)).toBe(expected);
        expect(classifyAddress(`64:ff9b::${high}:${low}`)).toBe(expected);
        expect(classifyAddress(`2002:${high}:${low}::1`)).toBe(expected);
      }),
    );
  });
});

describe('parseCidrList', () => {
  it('parses IPv4 and IPv6 ranges', () => {
    const [v4, v6] = parseCidrList(['10.0.0.0/8', 'fd00::/8']);

    expect(v4[0].toString()).toBe('10.0.0.0');
    expect(v4[1]).toBe(8);
    expect(v6[0].kind()).toBe('ipv6');
    expect(v6[1]).toBe(8);
  });

  it.each([
    '10.0.0.0/33',
    'banana',
    '10.0.0.1',
    '10.1/16',
    '0x0a.0.0.0/8',
    'fd00::/129',
    '',
  ])('names the bad entry %j', entry => {
    expect(() => parseCidrList(['10.0.0.0/8', entry])).toThrow(
      `integrations.network.allowedCidrs entry '${entry}' is not a CIDR range`,
    );
  });
});

describe('isAddressAllowed', () => {
  const none = parseCidrList([]);

  it('allows public addresses without any configuration', () => {
    expect(isAddressAllowed('93.184.215.14', none)).toEqual({ allowed: true });
    expect(isAddressAllowed('2606:4700:4700::1111', none)).toEqual({
      allowed: true,
    });
  });

  it('refuses other addresses with a reason naming the address and its class', () => {
    expect(isAddressAllowed('127.0.0.1', none)).toEqual({
      allowed: false,
      reason:
        '127.0.0.1 is a loopback address, which integrations.network.allowedCidrs does not allow',
    });
    expect(isAddressAllowed('100.64.0.1', none)).toEqual({
      allowed: false,
      reason:
        '100.64.0.1 is a carrier-grade NAT (CGNAT) address, which integrations.network.allowedCidrs does not allow',
    });
  });

  it('names the embedded IPv4 address of an IPv6 form', () => {
    expect(isAddressAllowed('64:ff9b::a9fe:a9fe', none)).toEqual({
      allowed: false,
      reason:
        '64:ff9b::a9fe:a9fe (169.254.169.254) is a cloud metadata address, which integrations.network.allowedCidrs does not allow (metadata addresses only when listed on their own, as /32 or /128)',
    });
  });

  it('opens a metadata address only when it is listed on its own, not as part of a range', () => {
    const ranges = parseCidrList([
      '169.254.0.0/16',
      '100.64.0.0/10',
      '64:ff9b::/96',
    ]);
    for (const ip of [
      '169.254.169.254',
      '100.100.100.200',
      '64:ff9b::a9fe:a9fe',
    ]) {
      expect(isAddressAllowed(ip, ranges)).toMatchObject({ allowed: false });
    }
    expect(isAddressAllowed('169.254.10.1', ranges)).toEqual({ allowed: true });
    expect(
      isAddressAllowed(
        '169.254.169.254',
        parseCidrList(['169.254.169.254/32']),
      ),
    ).toEqual({ allowed: true });
  });

  it('allows non-public addresses inside an allowed CIDR', () => {
    const cidrs = parseCidrList(['10.20.0.0/16', 'fd12::/16']);

    expect(isAddressAllowed('10.20.3.4', cidrs)).toEqual({ allowed: true });
    expect(isAddressAllowed('fd12::1', cidrs)).toEqual({ allowed: true });
    expect(isAddressAllowed('10.21.0.1', cidrs)).toMatchObject({
      allowed: false,
    });
    expect(isAddressAllowed('fd13::1', cidrs)).toMatchObject({
      allowed: false,
    });
  });

  it('matches IPv6 forms of an IPv4 address against IPv4 ranges', () => {
    const cidrs = parseCidrList(['127.0.0.0/8']);

    expect(isAddressAllowed('::ffff:127.0.0.1', cidrs)).toEqual({
      allowed: true,
    });
    expect(isAddressAllowed('::1', cidrs)).toMatchObject({ allowed: false });
  });

  it('allows documentation ranges only when listed', () => {
    expect(isAddressAllowed('203.0.113.7', none)).toEqual({
      allowed: false,
      reason:
        '203.0.113.7 is a reserved address, which integrations.network.allowedCidrs does not allow',
    });
    expect(
      isAddressAllowed('203.0.113.7', parseCidrList(['203.0.113.0/24'])),
    ).toEqual({ allowed: true });
  });

  it('refuses anything that is not a plain IP address', () => {
    expect(isAddressAllowed('127.1', none)).toEqual({
      allowed: false,
      reason: "'127.1' is not an IP address",
    });
    expect(isAddressAllowed('localhost', parseCidrList(['0.0.0.0/0']))).toEqual(
      { allowed: false, reason: "'localhost' is not an IP address" },
    );
  });
});
