import { findOperationFor, type ProtocolId } from '../catalog/index.ts'

/**
 * The hosts a client may have signed: the Host header as sent, then without its port (several SDKs
 * sign the bare host although they send the port), then `extraHosts`; duplicates dropped.
 * @example hostVariants('127.0.0.1:8080', ['cvm.api.qcloud.com'])
 * // ['127.0.0.1:8080', '127.0.0.1', 'cvm.api.qcloud.com']
 */
export function hostVariants(host: string, extraHosts: readonly string[] = []): string[] {
  return [...new Set([host, host.replace(/:\d+$/, ''), ...extraHosts])]
}

/**
 * The hosts the catalogue documents for an action of a scheme: signatures made over them are
 * accepted so that recorded vendor traffic replays against the simulator.
 */
export function documentedHosts(
  protocol: ProtocolId,
  action: string | undefined,
): readonly string[] {
  return findOperationFor(protocol, action)?.hosts ?? []
}
