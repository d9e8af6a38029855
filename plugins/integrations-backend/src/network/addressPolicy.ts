import { IPv4, IPv6, parse, parseCIDR } from 'ipaddr.js';
import { isIP } from 'node:net';

export type AddressClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link_local'
  | 'cgnat'
  | 'unique_local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'broadcast';

/** A parsed entry of `integrations.network.allowedCidrs`. */
export type Cidr = [IPv4 | IPv6, number];

export type AddressDecision =
  | { allowed: true }
  | { allowed: false; reason: string };

const ALLOWED_CIDRS_KEY = 'integrations.network.allowedCidrs';

const DESCRIPTIONS: Record<AddressClass, string> = {
  public: 'a public address',
  private: 'a private address',
  loopback: 'a loopback address',
  link_local: 'a link-local address',
  cgnat: 'a carrier-grade NAT (CGNAT) address',
  unique_local: 'a unique local address',
  metadata: 'a cloud metadata address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  reserved: 'a reserved address',
  broadcast: 'a broadcast address',
};

// Instance metadata endpoints hand out cloud credentials: AWS, GCP and Azure
// (169.254.169.254 and AWS's IPv6 twin), Alibaba, and ECS task credentials.
const METADATA_ADDRESSES = new Set(
  ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200', '169.254.170.2'].map(
    address => parse(address).toNormalizedString(),
  ),
);

// Ranges ipaddr.js does not name (documentation, benchmarking, AS112, 240/4,
// ...) fall through to 'reserved' and so stay refused.
const IPV4_CLASSES: Partial<Record<string, AddressClass>> = {
  unicast: 'public',
  private: 'private',
  loopback: 'loopback',
  linkLocal: 'link_local',
  carrierGradeNat: 'cgnat',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
};

const IPV6_CLASSES: Partial<Record<string, AddressClass>> = {
  unicast: 'public',
  loopback: 'loopback',
  linkLocal: 'link_local',
  uniqueLocal: 'unique_local',
  unspecified: 'unspecified',
  multicast: 'multicast',
};

// ipaddr.js calls everything it does not know 'unicast', including the
// deprecated IPv4-compatible ::a.b.c.d form; only 2000::/3 is routed globally.
const GLOBAL_UNICAST = parseCIDR('2000::/3');
const NAT64 = parseCIDR('64:ff9b::/96');

/**
 * Parses `integrations.network.allowedCidrs`, such as `['10.0.0.0/8',
 * 'fd00::/8']`; throws naming the first entry that is not a CIDR range.
 */
export function parseCidrList(list: string[]): Cidr[] {
  return list.map(entry => {
    // Four decimal parts only: ipaddr.js would read '10.1/16' as 10.0.0.1/16.
    if (!IPv4.isValidCIDRFourPartDecimal(entry) && !IPv6.isValidCIDR(entry)) {
      throw new Error(
        `${ALLOWED_CIDRS_KEY} entry '${entry}' is not a CIDR range such as 10.0.0.0/8 or fd00::/8`,
      );
    }
    return parseCIDR(entry);
  });
}

/** Throws for anything but a plain IPv4 or IPv6 address. */
export function classifyAddress(ip: string): AddressClass {
  return classify(effectiveAddress(parseStrict(ip)));
}

/**
 * Public addresses are allowed; any other only inside one of `allowedCidrs`,
 * so that reaching an internal service is a decision someone wrote down.
 */
export function isAddressAllowed(
  ip: string,
  allowedCidrs: readonly Cidr[],
): AddressDecision {
  if (isIP(ip) === 0) {
    return { allowed: false, reason: `'${ip}' is not an IP address` };
  }
  const address = parse(ip);
  const effective = effectiveAddress(address);
  const addressClass = classify(effective);
  if (addressClass === 'public') {
    return { allowed: true };
  }
  // A cloud metadata endpoint hands out the host's own credentials: a range
  // such as 169.254.0.0/16 or 100.64.0.0/10 must not open it by the way, only
  // an entry naming exactly that address.
  const exactOnly = addressClass === 'metadata';
  const inAllowedCidr = allowedCidrs.some(cidr =>
    [address, effective].some(
      candidate =>
        candidate.kind() === cidr[0].kind() &&
        candidate.match(cidr) &&
        (!exactOnly || cidr[1] === (candidate.kind() === 'ipv4' ? 32 : 128)),
    ),
  );
  if (inAllowedCidr) {
    return { allowed: true };
  }
  const shown = effective === address ? ip : `${ip} (${effective.toString()})`;
  return {
    allowed: false,
    reason: `${shown} is ${
      DESCRIPTIONS[addressClass]
    }, which ${ALLOWED_CIDRS_KEY} does not allow${
      exactOnly
        ? ' (metadata addresses only when listed on their own, as /32 or /128)'
        : ''
    }`,
  };
}

// Node's own check: an address it accepts is exactly the one a socket would
// connect to, whereas ipaddr.js also reads forms such as '127.1'.
function parseStrict(ip: string): IPv4 | IPv6 {
  if (isIP(ip) === 0) {
    throw new Error(`'${ip}' is not an IP address`);
  }
  return parse(ip);
}

/**
 * The IPv4 address that an IPv6 address stands for, when it embeds one
 * (IPv4-mapped, IPv4-translated, NAT64 and 6to4): packets to it end up there.
 */
function effectiveAddress(address: IPv4 | IPv6): IPv4 | IPv6 {
  if (address instanceof IPv4) {
    return address;
  }
  const [, high6to4, low6to4, , , , high, low] = address.parts;
  switch (address.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
      return ipv4FromParts(high, low);
    case '6to4':
      return ipv4FromParts(high6to4, low6to4);
    default:
      return address.match(NAT64) ? ipv4FromParts(high, low) : address;
  }
}

function ipv4FromParts(high: number, low: number): IPv4 {
  return new IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function classify(address: IPv4 | IPv6): AddressClass {
  if (METADATA_ADDRESSES.has(address.toNormalizedString())) {
    return 'metadata';
  }
  if (address instanceof IPv4) {
    return IPV4_CLASSES[address.range()] ?? 'reserved';
  }
  const addressClass = IPV6_CLASSES[address.range()] ?? 'reserved';
  return addressClass === 'public' && !address.match(GLOBAL_UNICAST)
    ? 'reserved'
    : addressClass;
}
