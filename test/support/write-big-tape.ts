import { writeFile } from 'node:fs/promises'
import { buildTape, imageRequest, okResponse } from './build-tape.ts'

/**
 * Writes a tape of `count` distinct UpdateImageInfos interactions (Title `title-<n>`), cloned from
 * one real entry so building it costs string work only.
 */
export async function writeBigTape(file: string, count: number): Promise<void> {
  const { tape } = buildTape([
    [imageRequest([{ ImageId: 'vod-image-01', Title: 'title-0' }]), okResponse('r-0')],
  ])
  const template = JSON.stringify(tape.log.entries[0])
  const [head, tail] = JSON.stringify({ ...tape, log: { ...tape.log, entries: [] } }).split(
    '"entries":[]',
  )
  const parts: string[] = []
  for (let n = 0; n < count; n++)
    parts.push(template.replaceAll('title-0', `title-${n}`).replaceAll('r-0', `r-${n}`))
  await writeFile(file, `${head}"entries":[${parts.join(',')}]${tail}`)
}
