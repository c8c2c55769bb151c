import { readFileSync } from 'node:fs';

const ESTABLISHED = '01';

/**
 * The connections established to a local IPv4 port, as the kernel holds them (`/proc/net/tcp`), each named by its
 * peer's address and port. A connection leaves this set the moment its peer closes it, whatever the process
 * serving the port is busy with: an event loop that lags cannot make a close look later than it was. Linux only.
 */
export function establishedTo(port: number): Set<string> {
  const local = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const peers = new Set<string>();
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const [, localAddress, remoteAddress, state] = line.trim().split(/\s+/);
    if (localAddress?.endsWith(local) && state === ESTABLISHED && remoteAddress) peers.add(remoteAddress);
  }
  return peers;
}
