/**
 * RFC 9110 §5.6.2 `tchar`, the characters of a method, a field name or a chunk-extension name,
 * as a regular-expression class body: the one spelling the door's checks are built from.
 */
export const TCHAR = "!#$%&'*+\\-.^_`|~0-9A-Za-z"

/** A whole string is a token. */
export const TOKEN = new RegExp(`^[${TCHAR}]+$`)

/** Per byte: 1 when it is a `tchar` (for scanning a Buffer without decoding it). */
export const IS_TOKEN_BYTE = Uint8Array.from({ length: 256 }, (_, byte) =>
  TOKEN.test(String.fromCharCode(byte)) ? 1 : 0,
)
