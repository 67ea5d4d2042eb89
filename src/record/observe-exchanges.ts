import { getGlobalSymbol, type Interceptor } from '@mswjs/interceptors'
import { ClientRequestInterceptor } from '@mswjs/interceptors/ClientRequest'
import { FetchInterceptor } from '@mswjs/interceptors/fetch'
import { TapedeckError } from '../errors.ts'

/** One completed exchange: `decoded` when the body was decoded by fetch (its coding fields are stale). */
export type Exchange = { request: Request; response: Response; decoded: boolean }

type ResponseEvent = { request: Request; response: Response }
// biome-ignore lint/suspicious/noExplicitAny: the interceptors' event maps differ per interceptor.
type AnyInterceptor = Interceptor<any>

/**
 * Observes every HTTP exchange the process makes (global `fetch`, `node:http`) until the returned
 * stop is called, without taking interception over from anyone. nock (at its import) and MSW's
 * `setupServer` share one running interceptor per API; tearing it down to install a recorder (what
 * nock's own recorder does) silently unhooks MSW and leaves a patch behind that makes the next
 * setup throw "already replaced". So: when an interceptor is running, listen on it and leave it as
 * it was; only when none is, apply one and dispose of it at stop.
 */
export function observeExchanges(onExchange: (exchange: Exchange) => void): () => void {
  const stops: Array<() => void> = []
  try {
    stops.push(observe(FetchInterceptor.symbol, () => new FetchInterceptor(), true, onExchange))
    stops.push(
      observe(
        ClientRequestInterceptor.symbol,
        () => new ClientRequestInterceptor(),
        false,
        onExchange,
      ),
    )
  } catch (error) {
    for (const stop of stops) stop()
    throw new TapedeckError(
      'E_INTERCEPT',
      `Failed to observe HTTP calls for recording: ${(error as Error).message} (another interceptor was left half-disposed; call nock.restore() or MSW's server.close() only once, after the last test that uses it)`,
      { cause: error },
    )
  }
  return () => {
    for (const stop of stops) stop()
  }
}

function observe(
  symbol: symbol,
  create: () => AnyInterceptor,
  decoded: boolean,
  onExchange: (exchange: Exchange) => void,
): () => void {
  const listener = ({ request, response }: ResponseEvent) =>
    onExchange({ request, response, decoded })
  const running = getGlobalSymbol<AnyInterceptor>(symbol)
  if (running) {
    running.on('response', listener)
    return () => running.off('response', listener)
  }
  const own = create()
  own.apply()
  own.on('response', listener)
  return () => own.dispose()
}
