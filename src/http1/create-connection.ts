import type { Socket } from 'node:net'
import type { WireRequest } from '../protocols/index.ts'
import { type ChunkedDecoder, createChunkedDecoder } from './create-chunked-decoder.ts'
import { canBecomeHead, findHeadEnd, mayEndHead } from './find-head-end.ts'
import { INTERNAL_ERROR, jsonError } from './json-error.ts'
import { type HeadError, parseHead, type RequestHead } from './parse-head.ts'
import { type RenderedResponse, renderResponse } from './render-response.ts'
import type { Connection, DoorContext, Reply } from './types.ts'

type Slot = Reply & { answer: RenderedResponse | undefined; head: boolean; close: boolean }

const EMPTY_BODY = Buffer.alloc(0)
const CLOSE = 'Connection: close\r\n\r\n'
const CONTINUE = 'HTTP/1.1 100 Continue\r\n\r\n'
const LF = 0x0a
// A client that pipelines without reading its answers is paused here (answers still queue).
const MAX_QUEUED = 64
const MAX_UNSENT_BYTES = 1024 * 1024

/**
 * Serves one socket: parses requests as bytes arrive (split anywhere, pipelined or not), hands
 * each to the handler, writes the answers back in request order, and closes on `Connection:
 * close`, HTTP/1.0, a body over the limit, or bad input (answered first with a JSON error).
 */
export function createConnection(socket: Socket, context: DoorContext): Connection {
  const { limits, maxBodyBytes } = context
  const slots: Slot[] = []
  const keepAlive = `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(limits.keepAliveTimeoutMs / 1000)}\r\n\r\n`
  let phase: 'head' | 'body' | 'closing' = 'head'
  // Input that cannot be parsed yet (an incomplete head or chunk line, or input while paused), kept
  // as a list and joined only when a chunk arrives that may complete it: a client that sends one
  // byte at a time costs one copy per head, not one per byte.
  let held: Buffer[] = []
  let heldBytes = 0
  let heldTail = ''
  // The raw head may take twice the limit (node counts no separators); parseHead counts the rest.
  const rawHeadLimit = 2 * limits.maxHeaderBytes
  const holdLimit = Math.max(rawHeadLimit, 32 * 1024)
  let request: RequestHead | undefined
  let chunks: Buffer[] = []
  let need = 0
  let chunked: ChunkedDecoder | undefined
  let startedAt: number | undefined = performance.now()
  let idleSince: number | undefined
  // When the last answer was written and our side ended; the client then has a while to hang up.
  let endedAt: number | undefined
  let scheduled = false
  let paused = false
  let clientEnded = false

  socket.on('data', (chunk: Buffer) => {
    if (phase === 'closing') return
    if (paused || (heldBytes > 0 && !mayComplete(chunk))) hold(chunk)
    else parse(heldBytes === 0 ? chunk : takeHeld(chunk), 0)
  })
  socket.on('end', () => {
    clientEnded = true
    if (slots.length === 0) socket.end()
  })
  socket.on('drain', () => resume())
  // A client that goes away mid-answer is not an error of the server's.
  socket.on('error', () => undefined)
  socket.on('close', () => {
    phase = 'closing'
    slots.length = 0
  })

  function parse(input: Buffer, from: number): void {
    let at = from
    while (at < input.length && phase !== 'closing') {
      if (phase === 'body') {
        at = readBody(input, at)
        continue
      }
      if (slots.length >= MAX_QUEUED || socket.writableLength > MAX_UNSENT_BYTES) {
        paused = true
        socket.pause()
        keep(input.subarray(at))
        return
      }
      // RFC 9112 §2.2: empty lines before a request line are ignored.
      while (at < input.length && (input[at] === 0x0d || input[at] === 0x0a)) at++
      if (at === input.length) return
      startedAt ??= performance.now()
      idleSince = undefined
      const found = findHeadEnd(input, at)
      if (found === undefined || found.text.length > rawHeadLimit) {
        if (found !== undefined || input.length - at > rawHeadLimit) {
          refuse(431, 'the request headers exceed the limit')
          return
        }
        if (!canBecomeHead(input, at)) {
          refuse(400, 'the request is not HTTP/1.1 (lines end in CRLF)')
          return
        }
        keep(at === 0 ? input : input.subarray(at))
        return
      }
      const head = parseHead(found.text, limits.maxHeaderBytes)
      if (isError(head)) {
        refuse(head.status, head.reason)
        return
      }
      at = startBody(head, input, found.next)
    }
  }

  /** Starts reading a request's body; dispatches at once when it is empty or already here. */
  function startBody(head: RequestHead, input: Buffer, at: number): number {
    const { framing } = head
    if (framing.kind === 'none') {
      dispatch(head, EMPTY_BODY, false)
      return at
    }
    if (framing.kind === 'length' && framing.length > maxBodyBytes) {
      dispatch(head, EMPTY_BODY, true)
      return input.length
    }
    if (framing.kind === 'length' && input.length - at >= framing.length) {
      dispatch(head, input.subarray(at, at + framing.length), false)
      return at + framing.length
    }
    // An interim answer must not overtake the answers before it: then the client's wait ends it.
    if (head.expectsContinue && slots.length === 0) socket.write(CONTINUE)
    request = head
    phase = 'body'
    chunks = []
    need = framing.kind === 'length' ? framing.length : 0
    chunked = framing.kind === 'chunked' ? createChunkedDecoder(maxBodyBytes) : undefined
    return at
  }

  /** Reads body bytes from `at`; returns where it stopped. */
  function readBody(input: Buffer, at: number): number {
    const head = request!
    if (chunked === undefined) {
      const end = Math.min(input.length, at + need)
      chunks.push(input.subarray(at, end))
      need -= end - at
      if (need === 0) dispatch(head, join(chunks), false)
      return end
    }
    const reached = chunked.push(input, at)
    if (chunked.error !== undefined) {
      refuse(400, chunked.error)
      return input.length
    }
    if (chunked.size > maxBodyBytes) {
      dispatch(head, EMPTY_BODY, true)
      return input.length
    }
    if (chunked.done) {
      dispatch(head, join(chunked.chunks), false)
      return reached
    }
    // An incomplete chunk line waits for more bytes.
    if (reached < input.length) keep(input.subarray(reached))
    return input.length
  }

  function dispatch(head: RequestHead, body: Buffer, bodyTooLarge: boolean): void {
    const close = bodyTooLarge || !head.keepAlive
    const slot = createSlot(head.method === 'HEAD', close, bodyTooLarge)
    slots.push(slot)
    request = undefined
    chunked = undefined
    startedAt = undefined
    phase = close ? 'closing' : 'head'
    const { target } = head
    const mark = target.indexOf('?')
    const wire: WireRequest = {
      method: head.method,
      path: mark === -1 ? target : target.slice(0, mark),
      query: mark === -1 ? '' : target.slice(mark + 1),
      headers: head.headers,
      body,
    }
    try {
      context.handler(wire, slot)
    } catch {
      slot.send(INTERNAL_ERROR)
    }
  }

  /** Whether `chunk` may complete the held input: the end of a head, of a chunk line, or a bare LF. */
  function mayComplete(chunk: Buffer): boolean {
    if (phase === 'head') return mayEndHead(heldTail, chunk)
    return heldBytes < 2 || chunk.indexOf(LF) !== -1
  }

  /** Holds a chunk that cannot complete anything yet; limits and the request line still apply. */
  function hold(chunk: Buffer): void {
    keep(chunk)
    if (paused) return
    const early = phase === 'head' && heldBytes <= 64 && !canBecomeHead(Buffer.concat(held), 0)
    // The parser then refuses it: 431, a chunk line too long, or not HTTP.
    if (heldBytes > holdLimit || early) parse(takeHeld(), 0)
  }

  function keep(chunk: Buffer): void {
    held.push(chunk)
    heldBytes += chunk.length
    heldTail = (heldTail + chunk.toString('latin1', Math.max(0, chunk.length - 3))).slice(-3)
  }

  /** The held input (and `chunk`), joined; nothing stays held. */
  function takeHeld(chunk?: Buffer): Buffer {
    if (chunk !== undefined) held.push(chunk)
    const input = held.length === 1 ? held[0]! : Buffer.concat(held)
    held = []
    heldBytes = 0
    heldTail = ''
    return input
  }

  function createSlot(head: boolean, close: boolean, bodyTooLarge: boolean): Slot {
    const slot: Slot = {
      answer: undefined,
      head,
      close,
      bodyTooLarge,
      send(response) {
        if (slot.answer !== undefined || socket.destroyed) return
        slot.answer = renderResponse(response)
        if (slots[0] === slot) schedule()
      },
      reset() {
        if (!socket.destroyed) socket.resetAndDestroy()
      },
    }
    return slot
  }

  /** Answers input that cannot be served with a JSON error, after the answers before it, then closes. */
  function refuse(status: number, reason: string): void {
    const slot = createSlot(false, true, false)
    slot.answer = renderResponse(
      // No vendor can be known from a request that could not be read.
      jsonError(status, 'E_BAD_REQUEST', `Failed to read the request: ${reason}`),
    )
    slots.push(slot)
    phase = 'closing'
    takeHeld()
    if (slots[0] === slot) schedule()
  }

  function schedule(): void {
    if (scheduled) return
    scheduled = true
    context.schedule(connection)
  }

  function resume(): void {
    if (!paused || slots.length >= MAX_QUEUED / 2 || socket.writableLength > MAX_UNSENT_BYTES) {
      return
    }
    paused = false
    socket.resume()
    if (heldBytes > 0) parse(takeHeld(), 0)
  }

  const connection: Connection = {
    flush(date) {
      scheduled = false
      if (socket.destroyed) return
      let text = ''
      let ended = false
      while (slots.length > 0 && slots[0]!.answer !== undefined) {
        const slot = slots.shift()!
        const answer = slot.answer!
        const tail = `${answer.dated ? '' : date}${slot.close ? CLOSE : keepAlive}`
        const body = slot.head ? '' : answer.body
        if (answer.ascii) text += answer.head + tail + body
        else {
          socket.cork()
          if (text !== '') socket.write(text)
          socket.write(answer.head, 'latin1')
          socket.uncork()
          text = tail + body
        }
        if (slot.close) {
          ended = true
          break
        }
      }
      if (text !== '') socket.write(text)
      if (ended) {
        slots.length = 0
        endedAt = performance.now()
        socket.end()
        return
      }
      if (slots.length === 0) {
        if (clientEnded) return void socket.end()
        if (phase === 'head' && heldBytes === 0 && startedAt === undefined) {
          idleSince = performance.now()
        }
      }
      resume()
    },
    sweep(now) {
      if (socket.destroyed) return
      if (endedAt !== undefined) {
        if (now - endedAt > limits.requestTimeoutMs) socket.destroy()
        return
      }
      if (phase === 'closing') return
      if (idleSince !== undefined && now - idleSince > limits.keepAliveTimeoutMs) {
        return void socket.destroy()
      }
      if (startedAt === undefined || paused) return
      const late =
        now - startedAt > limits.requestTimeoutMs ||
        (phase === 'head' && now - startedAt > limits.headersTimeoutMs)
      if (late) refuse(408, 'the request was not completed in time')
    },
    destroy() {
      socket.destroy()
    },
  }
  return connection
}

function join(chunks: Buffer[]): Buffer {
  return chunks.length === 1 ? chunks[0]! : chunks.length === 0 ? EMPTY_BODY : Buffer.concat(chunks)
}

function isError(head: RequestHead | HeadError): head is HeadError {
  return 'reason' in head
}
