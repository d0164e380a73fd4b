import { BlockList, isIP } from 'node:net';

/**
 * Addresses a feed fetch must never reach unless private networks are allowed: a feed URL comes
 * from a chat user, so fetching it is a request made by the server on their behalf (SSRF).
 * Loopback, private (RFC 1918, unique-local), carrier-grade NAT, link-local (which holds the cloud
 * metadata address 169.254.169.254 and fd00:ec2::254 is unique-local), "this network", multicast,
 * reserved and documentation ranges. IPv4-mapped IPv6 addresses are checked against the IPv4 rules
 * by BlockList itself.
 */
const BLOCKED_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];
const BLOCKED_V6: [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];

const blocked = new BlockList();
for (const [net, bits] of BLOCKED_V4) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of BLOCKED_V6) blocked.addSubnet(net, bits, 'ipv6');

/** NAT64's well-known prefix carries an IPv4 address in its last 32 bits: judged by that address. */
const nat64 = new BlockList();
nat64.addSubnet('64:ff9b::', 96, 'ipv6');

function embeddedV4(address: string): string {
  // The URL parser writes any IPv6 form canonically, with the last 32 bits as two hex groups.
  const groups = new URL(`http://[${address}]/`).hostname.slice(1, -1).split(':');
  const [hi, lo] = groups.slice(-2).map((g) => parseInt(g || '0', 16));
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** True when the address is loopback, private, link-local, metadata or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const bare = address.split('%')[0];
    if (nat64.check(bare, 'ipv6')) return blocked.check(embeddedV4(bare), 'ipv4');
    return blocked.check(bare, 'ipv6');
  }
  // Not an address at all: refuse rather than guess.
  return true;
}

/** A URL's host as an address when it is a literal IP ("[::1]" → "::1"), else undefined. */
export function literalAddress(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : undefined;
}
