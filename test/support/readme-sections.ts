import {
  renderErrorTable,
  renderLimitTable,
  renderOperationTable,
} from '../../src/catalog/render-tables.ts'

/** The README sections generated from the catalogue, by marker name. */
export const GENERATED: Record<string, () => string> = {
  operations: renderOperationTable,
  errors: renderErrorTable,
  limits: renderLimitTable,
}

/** Replaces every `<!-- generated:NAME -->…<!-- /generated:NAME -->` block with fresh content. */
export function replaceGenerated(readme: string): string {
  let out = readme
  for (const [name, render] of Object.entries(GENERATED)) {
    const pattern = new RegExp(
      `(<!-- generated:${name} -->\\n)[\\s\\S]*?(\\n<!-- /generated:${name} -->)`,
    )
    out = out.replace(pattern, (_m, open: string, close: string) => `${open}${render()}${close}`)
  }
  return out
}
