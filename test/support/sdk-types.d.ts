// Typings for the vendor SDKs the fidelity tests drive that ship none.

declare module 'qcloudapi-sdk' {
  /** Constructor defaults; every request option falls back to these when `request(data, cb)` is used. */
  type QcloudApiOptions = {
    SecretId?: string
    SecretKey?: string
    Region?: string
    serviceType?: string
    /** Overrides `serviceType + '.' + baseHost`; may carry a port. */
    host?: string
    baseHost?: string
    path?: string
    protocol?: 'http' | 'https'
    method?: 'GET' | 'POST'
    signatureMethod?: 'sha1' | 'sha256'
  }
  type QcloudApiCallback = (error: Error | null, body: unknown) => void
  class QcloudApi {
    constructor(defaults: QcloudApiOptions)
    defaults: QcloudApiOptions
    request(data: Record<string, unknown>, callback: QcloudApiCallback): void
    request(
      data: Record<string, unknown>,
      opts: QcloudApiOptions,
      callback: QcloudApiCallback,
      extra?: Record<string, unknown>,
    ): void
    generateUrl(opts?: QcloudApiOptions): string
    generateQueryString(data: Record<string, unknown>, opts?: QcloudApiOptions): string
  }
  export = QcloudApi
}

declare module 'har-validator' {
  /** Resolves with the document when it is a valid HAR 1.2 log; rejects with the schema errors. */
  export function har<T>(document: T): Promise<T>
}
