/** A child of `h`: an element, text, or nothing. */
export type Child = Node | string | number | undefined | null | false

/** Builds an element; text is always set as text, never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | ((event: Event) => void)> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value)
    else if (value === true) element.setAttribute(name, '')
    else if (value !== false) element.setAttribute(name, value)
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue
    element.append(typeof child === 'object' ? child : String(child))
  }
  return element
}

/** A JSON or XML body indented for reading; anything else as it came. */
export function pretty(body: string, type = ''): string {
  const trimmed = body.trim()
  if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(JSON.parse(trimmed), null, 2)
    } catch {
      return body
    }
  }
  if (type.includes('xml') || trimmed.startsWith('<')) return prettyXml(trimmed)
  return body
}

function prettyXml(xml: string): string {
  let depth = 0
  return xml
    .replace(/>\s*</g, '>\n<')
    .split('\n')
    .map((line) => {
      if (/^<\//.test(line)) depth = Math.max(0, depth - 1)
      const out = `${'  '.repeat(depth)}${line}`
      if (/^<[^!?/][^>]*[^/]>$/.test(line) && !/<\/[^>]+>$/.test(line)) depth++
      return out
    })
    .join('\n')
}

/**
 * The lines of a signing text: its own lines, or, for a one-line parameter string
 * (`GET&%2F&A%3D1…`), one line per parameter so that a difference points at one.
 */
export function signingLines(text: string): string[] {
  if (text.includes('\n')) return text.split('\n')
  return text.split(/&|%26/)
}

/** The index of the first line where two texts differ; -1 when they are the same. */
export function firstDifference(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i
  return -1
}
