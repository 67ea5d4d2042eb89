import type { Reply, ReplyStream } from '../http/index.ts'

/** What a page learns first on its event stream: which server it is on and the views it has. */
export type InspectorHello = {
  server: 'serve' | 'replay'
  views: readonly string[]
  /** The outcomes a request can have on this server, for the page's filter. */
  outcomes: readonly string[]
}

export type EventFeed = {
  /** True while a page is connected; with none, callers build no event at all. */
  watching(): boolean
  /** Sends one value to every connected page as a `data:` event. */
  publish(value: unknown): void
  /** Answers `GET events`: the hello, the backlog, then each published value until the page goes. */
  open(reply: Reply, backlog: readonly unknown[]): void
}

const HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
}

/** The server-sent event stream behind the inspector's live Requests view. */
export function createEventFeed(hello: InspectorHello): EventFeed {
  const listeners = new Set<ReplyStream>()
  const helloEvent = `event: hello\ndata: ${JSON.stringify(hello)}\n\n`
  return {
    watching: () => listeners.size > 0,
    publish(value) {
      const event = `data: ${JSON.stringify(value)}\n\n`
      for (const listener of listeners) listener.write(event)
    },
    open(reply, backlog) {
      const stream = reply.stream(200, HEADERS, () => listeners.delete(stream))
      stream.write(helloEvent)
      for (const value of backlog) stream.write(`data: ${JSON.stringify(value)}\n\n`)
      listeners.add(stream)
    },
  }
}
