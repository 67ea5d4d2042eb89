/** Reads a server-sent event stream one event (its raw text, without the blank line) at a time. */
export function readEvents(response: Response): () => Promise<string> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  return async () => {
    while (!buffer.includes('\n\n')) buffer += (await reader.read()).value ?? ''
    const at = buffer.indexOf('\n\n')
    const event = buffer.slice(0, at)
    buffer = buffer.slice(at + 2)
    return event
  }
}
