import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may be delivered (SSRF). Cloud metadata and link-local addresses are refused
 * always; loopback, private, shared (CGNAT) and unspecified addresses unless private delivery is
 * allowed (WEBHOOK_ALLOW_PRIVATE: tests and a receiver on the engine's own network). node:net's
 * BlockList matches IPv4 rules against IPv4-mapped IPv6 too (::ffff:169.254.169.254).
 */
export interface AddressPolicy {
  allowPrivate: boolean;
}

const alwaysRefused = new BlockList();
alwaysRefused.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, 169.254.169.254 metadata
alwaysRefused.addSubnet('fe80::', 10, 'ipv6');
alwaysRefused.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
alwaysRefused.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata over IPv6

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network": 0.0.0.0 reaches the local machine
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // shared address space (CGNAT)
  ['127.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3], // multicast and reserved
] as const)
  privateRanges.addSubnet(network, prefix, 'ipv4');
privateRanges.addAddress('::', 'ipv6');
privateRanges.addAddress('::1', 'ipv6');
privateRanges.addSubnet('fc00::', 7, 'ipv6'); // unique local
privateRanges.addSubnet('ff00::', 8, 'ipv6'); // multicast

/** IPv6 forms that carry an IPv4 address a gateway would reach (NAT64, IPv4-compatible). */
const EMBEDDING_IPV4 = [/^64:ff9b::(.+)$/i, /^::(\d+\.\d+\.\d+\.\d+)$/];

/** Why an address may not be delivered to, or null when it may. */
export function refusalOf(address: string, policy: AddressPolicy): string | null {
  const family = isIP(address);
  if (family === 0) return `${address} is not an IP address`;
  const embedded = family === 6 ? embeddedIpv4(address) : null;
  if (embedded) return refusalOf(embedded, policy);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (alwaysRefused.check(address, type))
    return `${address} is a link-local or cloud metadata address: webhooks are never delivered there`;
  if (!policy.allowPrivate && privateRanges.check(address, type))
    return `${address} is a loopback or private address: webhooks go there only with WEBHOOK_ALLOW_PRIVATE=true`;
  return null;
}

function embeddedIpv4(address: string): string | null {
  for (const pattern of EMBEDDING_IPV4) {
    const tail = pattern.exec(address)?.[1];
    if (!tail) continue;
    if (isIP(tail) === 4) return tail;
    // 64:ff9b::a9fe:a9fe: the last 32 bits in hex.
    const groups = tail.split(':');
    if (groups.length === 2 && groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) {
      const [high, low] = groups.map((g) => Number.parseInt(g, 16)) as [number, number];
      return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
    }
  }
  return null;
}

/** A URL's host as an address when it is one (brackets of IPv6 literals removed), else null. */
export function literalAddressOf(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) === 0 ? null : host;
}
