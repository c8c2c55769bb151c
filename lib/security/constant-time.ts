/**
 * Compares two secrets in time that depends only on their lengths, so response timing does not tell a caller how
 * much of a guess was right. Web APIs only: it runs on the edge as well as on Node.
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let difference = a.length ^ b.length;
  for (let index = 0; index < b.length; index += 1) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}
