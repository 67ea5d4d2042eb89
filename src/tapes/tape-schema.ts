import { z } from 'zod'

/**
 * A tape is a HAR 1.2 file (browsers' devtools and HAR tools open it) with tapedeck's own fields
 * under `_tapedeck` keys. Only what tapedeck writes and reads is required; other HAR fields pass.
 */
const nameValue = z.object({ name: z.string(), value: z.string() })

export const tapeEntrySchema = z.looseObject({
  startedDateTime: z.string(),
  time: z.number().nonnegative(),
  request: z.looseObject({
    method: z.string().min(1),
    url: z.string().min(1),
    httpVersion: z.string(),
    headers: z.array(nameValue),
    queryString: z.array(nameValue),
    postData: z
      .looseObject({ mimeType: z.string(), text: z.string(), encoding: z.string().optional() })
      .optional(),
    headersSize: z.number(),
    bodySize: z.number(),
    cookies: z.array(z.unknown()),
  }),
  response: z.looseObject({
    status: z.number().int().min(100).max(599),
    statusText: z.string(),
    httpVersion: z.string(),
    headers: z.array(nameValue),
    content: z.looseObject({
      size: z.number(),
      mimeType: z.string(),
      text: z.string().optional(),
      /** `base64` for a body kept as bytes (not UTF-8 text, or content-coded); HAR 1.2 §content. */
      encoding: z.string().optional(),
    }),
    redirectURL: z.string(),
    headersSize: z.number(),
    bodySize: z.number(),
    cookies: z.array(z.unknown()),
  }),
  cache: z.looseObject({}),
  timings: z.looseObject({ send: z.number(), wait: z.number(), receive: z.number() }),
  _tapedeck: z.strictObject({
    /** Catalogue operation id, e.g. `alibaba-vod.UpdateImageInfos`. */
    operation: z.string().min(1),
    /** When the interaction was recorded (ISO 8601). */
    recordedAt: z.string(),
    /** The canonical match key (see `canonicalKey`). */
    matchKey: z.string().min(1),
    /** The redactions applied before the entry touched disk, e.g. `query:AccessKeyId`. */
    redactions: z.array(z.string()),
  }),
})

export const tapeSchema = z.looseObject({
  log: z.looseObject({
    version: z.literal('1.2'),
    creator: z.looseObject({ name: z.string(), version: z.string() }),
    entries: z.array(tapeEntrySchema),
    _tapedeck: z
      .strictObject({
        /** The upstream the tape was recorded against (no credentials). */
        upstream: z.string().optional(),
        createdAt: z.string().optional(),
      })
      .optional(),
  }),
})

/**
 * Any HAR 1.2 entry, as Polly.JS, browser devtools, mitmproxy and other recorders write them: what
 * tapedeck reads of an entry, `_tapedeck` optional (an entry without it is classified at load),
 * `postData.text` optional (HAR allows `params` instead), status 0 (devtools: no response), and a
 * request header value written as a number (read as its text).
 */
// Polly.JS writes a numeric request header value (`content-length` set as a number) as a JSON
// number. (Response header values come from Node's parser, always text: replay's load validates
// every response, and stays as fast as for tapedeck's own tapes.)
const harNameValue = z.object({
  name: z.string(),
  value: z.union([z.string(), z.number().transform(String)]),
})

export const harEntrySchema = tapeEntrySchema.extend({
  request: tapeEntrySchema.shape.request.extend({
    headers: z.array(harNameValue),
    postData: z
      .looseObject({
        mimeType: z.string(),
        text: z.string().optional(),
        encoding: z.string().optional(),
      })
      .optional(),
  }),
  response: tapeEntrySchema.shape.response.extend({
    status: z.number().int().min(0).max(599),
  }),
  _tapedeck: tapeEntrySchema.shape._tapedeck.optional(),
})

/** A HAR 1.2 document whose entries may come from any recorder (`harEntrySchema`). */
export const harSchema = tapeSchema.extend({
  log: tapeSchema.shape.log.extend({ entries: z.array(harEntrySchema) }),
})

export type Tape = z.infer<typeof tapeSchema>
export type HarEntry = z.infer<typeof harEntrySchema>
export type TapeEntry = z.infer<typeof tapeEntrySchema>
