/**
 * The parameters with a security token replaced by `redacted:<name>` (the tapes' placeholder), for
 * a string to sign shown in an error message: the echo keeps its shape for diffing, never the
 * token, which is a secret.
 */
export function maskToken(
  params: Readonly<Record<string, string>>,
  name: string,
): Record<string, string> {
  return { ...params, [name]: `redacted:${name}` }
}
