import { operations } from '../catalog/index.ts'

/** The names every generated certificate covers, whatever the listen address. */
const LOCAL_HOSTS = ['localhost', '127.0.0.1', '::1'] as const

/**
 * The host names and addresses a generated certificate is valid for: loopback, every documented
 * host of the catalogue (so a client whose hosts file or proxy sends a vendor host here still
 * verifies), and `extra` (a listen address such as `192.168.1.5`; wildcards are skipped).
 */
export function certificateHosts(extra: readonly string[] = []): string[] {
  const hosts = new Set<string>(LOCAL_HOSTS)
  for (const op of operations) for (const host of op.hosts) hosts.add(host)
  for (const host of extra) if (host !== '' && host !== '0.0.0.0' && host !== '::') hosts.add(host)
  return [...hosts]
}
