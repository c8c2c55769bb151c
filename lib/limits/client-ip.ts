/** The budget key of clients whose address is unknown: they share one budget, which errs on the safe side. */
export const UNKNOWN_CLIENT = 'unknown';

const isIpv4 = (value: string) =>
  /^\d{1,3}(\.\d{1,3}){3}$/.test(value) && value.split('.').every((octet) => Number(octet) <= 255);
const isIpv6 = (value: string) => {
  const groups = value.split(':');
  return groups.length >= 3 && groups.length <= 8 && groups.every((group) => /^[0-9a-f]{0,4}$/i.test(group));
};

/**
 * The client's address as the budget key, read only from the header a trusted proxy sets (`CLIENT_IP_HEADER`):
 * anything else a client sends is ignored, so nobody can pick their own budget. For a list (`X-Forwarded-For`) the
 * last entry counts, the one the trusted proxy appended. IPv6 addresses count per /64, the block one host gets.
 */
export function clientKey(headers: Headers, trustedHeader: string | undefined): string {
  if (!trustedHeader) return UNKNOWN_CLIENT;
  const raw = headers.get(trustedHeader)?.split(',').at(-1)?.trim().replace(/^\[|\]$/g, '') ?? '';
  if (raw.length === 0 || raw.length > 64) return UNKNOWN_CLIENT;
  const address = raw.replace(/^::ffff:(?=\d)/i, '').replace(/%\w+$/, '');
  if (isIpv4(address)) return address;
  if (!isIpv6(address)) return UNKNOWN_CLIENT;
  return `${ipv6Prefix64(address)}::/64`;
}

/** The first four groups of an IPv6 address, with `::` expanded. */
function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? headGroups : [...headGroups, ...Array(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups];
  return groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':');
}
