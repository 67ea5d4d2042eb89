/** A markdown table: a header row, the separator, then one line per row; `|` in cells is escaped. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`
  return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n')
}

/** `41234.6` → `41,235`; `—` for a missing or non-finite value. */
export function formatCount(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—'
  return Math.round(value).toLocaleString('en-US')
}

/** Milliseconds with two decimals below 10 ms, one below 100 ms, none above. */
export function formatMs(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—'
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0
  return `${value.toFixed(digits)} ms`
}

/** A ratio with two decimals, e.g. `0.87`. */
export function formatRatio(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—'
  return value.toFixed(2)
}

/** Bytes as MB (10^6), e.g. `61 MB`, with one decimal below 10 MB (`0.4 MB`). */
export function formatMegabytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—'
  const megabytes = bytes / 1e6
  return `${megabytes < 10 ? megabytes.toFixed(1) : Math.round(megabytes)} MB`
}
