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

export type Tape = z.infer<typeof tapeSchema>
export type TapeEntry = z.infer<typeof tapeEntrySchema>
