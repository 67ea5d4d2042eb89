/**
 * A shipped tape in the HAR ecosystem: `@mswjs/source` `fromTraffic` turns it into MSW handlers that
 * answer its own recorded requests (its own file: MSW patches fetch for the whole file).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fromTraffic } from '@mswjs/source/traffic'
import { setupServer } from 'msw/node'
import { afterAll, expect, it } from 'vitest'

const RECORDINGS = join(import.meta.dirname, '..', 'recordings')
const server = setupServer()
server.listen({ onUnhandledRequest: 'error' })
afterAll(() => server.close())

const tapes = readdirSync(RECORDINGS).filter((file) => file.endsWith('.har'))

it.each(tapes)(
  'fromTraffic(%s) answers each recorded request with its recorded response',
  async (file) => {
    const har = JSON.parse(readFileSync(join(RECORDINGS, file), 'utf8'))
    server.resetHandlers(...fromTraffic(har))
    for (const { request, response } of har.log.entries as Array<{
      request: {
        method: string
        url: string
        headers: { name: string; value: string }[]
        postData?: { text: string }
      }
      response: { status: number; content: { text: string } }
    }>) {
      const headers = request.headers.filter(
        ({ name }) => !['host', 'content-length'].includes(name),
      )
      const answer = await fetch(request.url, {
        method: request.method,
        headers: headers.map(({ name, value }) => [name, value] as [string, string]),
        ...(request.postData && request.method !== 'GET' ? { body: request.postData.text } : {}),
      })
      expect(answer.status).toBe(response.status)
      expect(await answer.text()).toBe(response.content.text)
    }
  },
)
