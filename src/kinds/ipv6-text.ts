/** IPv6 text, shared by NetworkPolicy ipBlocks and the CEL ip()/cidr() library: RFC 4291 in, RFC 5952 out. */

/**
 * The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted IPv4 tail read by `ipv4`, which
 * decides how strict IPv4 parsing is), or undefined when the text is not one.
 */
export function ipv6Groups(text: string, ipv4: (s: string) => number[] | undefined): number[] | undefined {
  let head = text;
  let tail: number[] | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = ipv4(text.slice(lastColon + 1));
    if (!tail) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const split = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const left = split(halves[0]);
  const right = halves.length === 2 ? split(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const groups: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    groups.push(parseInt(g, 16));
  }
  if (tail) {
    groups[6] = (tail[0] << 8) | tail[1];
    groups[7] = (tail[2] << 8) | tail[3];
  }
  return groups;
}

/** RFC 5952 text: lower case, leading zeros dropped, the first longest run (≥ 2) of zero groups as `::`. */
export function formatIpv6Groups(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (gs: readonly number[]): string => gs.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}
