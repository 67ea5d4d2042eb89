import { operations } from '../catalog/index.ts'

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * One regular expression for every vendor host in the catalogue (`{region}` matching a region id),
 * anchored on the origin of a full URL, with any port.
 */
export function vendorHostPattern(
  templates: readonly string[] = operations.flatMap((op) => op.hostTemplates),
): RegExp {
  const hosts = [...new Set(templates)].map((template) =>
    template.split('{region}').map(escapeRegExp).join('[a-z0-9-]+'),
  )
  return new RegExp(`^https?://(?:${hosts.join('|')})(?::\\d+)?(?:/|$)`, 'i')
}
