import { z } from 'zod'
import { BUSINESS_TYPES, formatPath } from '../catalog/index.ts'
import { InvalidStateError } from '../errors.ts'
import { FAULT_TARGETS, faultInjectionSchema } from './fault-injection-schema.ts'

/**
 * The simulator's whole state as one JSON document: credentials and every resource, each owned by
 * an account. `--seed FILE`, `GET/PUT /__tapedeck/state` and `reset` all speak this format.
 */
const account = z.string().min(1)
const tags = z.array(z.string())
/** A Long kept as its decimal string (exact past 2^53); a seed may also give a safe JSON integer. */
const cateId = z
  .union([
    z.string().regex(/^-?\d{1,19}$/, 'must be a Long as a decimal string'),
    z.number().refine(Number.isSafeInteger, 'must be an integer JSON keeps exactly'),
  ])
  .transform(String)

export const stateSchema = z.strictObject({
  credentials: z.strictObject({
    alibaba: z.array(
      z.strictObject({
        accessKeyId: z.string().min(1),
        accessKeySecret: z.string().min(1),
        account,
        /** A temporary (STS) AccessKey: the SecurityToken its calls must carry, and its expiry. */
        securityToken: z.string().min(1).optional(),
        expiration: z.iso.datetime().optional(),
      }),
    ),
    tencent: z.array(
      z.strictObject({ secretId: z.string().min(1), secretKey: z.string().min(1), account }),
    ),
    huaweiAksk: z.array(
      z.strictObject({
        ak: z.string().min(1),
        sk: z.string().min(1),
        account,
        project: z.string().min(1),
      }),
    ),
    huaweiTokens: z.array(
      z.strictObject({ token: z.string().min(1), account, project: z.string().min(1) }),
    ),
  }),
  vodImages: z.array(
    z.strictObject({
      account,
      imageId: z.string().min(1),
      title: z.string().optional(),
      description: z.string().optional(),
      tags: tags.optional(),
      cateId: cateId.optional(),
    }),
  ),
  vodVideos: z.array(
    z.strictObject({
      account,
      videoId: z.string().min(1),
      referenceId: z.string().optional(),
      title: z.string().optional(),
      description: z.string().optional(),
      tags: tags.optional(),
      coverURL: z.string().optional(),
      cateId: cateId.optional(),
      /** The caller's RAM policy denies modifying this video: listed in `ForbiddenVideoIds`. */
      forbidden: z.boolean().optional(),
    }),
  ),
  iceMedia: z.array(
    z.strictObject({
      account,
      mediaId: z.string().min(1),
      inputURL: z.string().min(1),
      businessType: z.enum(BUSINESS_TYPES).optional(),
      title: z.string().optional(),
      description: z.string().optional(),
      category: z.string().optional(),
      tags: tags.optional(),
      coverURL: z.string().optional(),
      userData: z.string().optional(),
      cateId: cateId.optional(),
      referenceId: z.string().optional(),
    }),
  ),
  cvmImages: z.array(
    z.strictObject({
      account,
      imageId: z.string().min(1),
      name: z.string().min(1),
      description: z.string().optional(),
      /** Shared to this account by another: attributes cannot be modified. */
      shared: z.boolean().optional(),
    }),
  ),
  imagesearchInstances: z.array(
    z.strictObject({
      project: z.string().min(1),
      name: z.string().min(1),
      tagKeys: z.array(z.string().min(1)),
      images: z.array(
        z.strictObject({ path: z.string().min(1), tags: z.record(z.string(), z.unknown()) }),
      ),
    }),
  ),
  /** Fault injection for users' retry tests (latency, throttling, errors, resets, hangs). */
  faultInjection: faultInjectionSchema.optional(),
})

export type SimulatorState = z.infer<typeof stateSchema>

/**
 * Parses and checks a state document: the schema, then uniqueness rules the schema cannot express.
 * Throws `InvalidStateError` naming each JSON path (`vodVideos[3].referenceId`).
 */
export function parseState(
  document: unknown,
  source: string,
  targets: readonly string[] = FAULT_TARGETS,
): SimulatorState {
  const parsed = stateSchema.safeParse(document)
  if (!parsed.success) {
    throw new InvalidStateError(
      source,
      parsed.error.issues.map((issue) => `${formatPath(issue.path) || '(root)'}: ${issue.message}`),
    )
  }
  const problems = [
    ...Object.keys(parsed.data.faultInjection?.operations ?? {})
      .filter((id) => !targets.includes(id))
      .map(
        (id) =>
          `faultInjection.operations.${id}: unknown operation id; use one of ${targets.join(', ')}`,
      ),
    ...duplicates(
      parsed.data.vodImages,
      'vodImages',
      (x) => `${x.account}|${x.imageId}`,
      'imageId',
    ),
    ...duplicates(
      parsed.data.vodVideos,
      'vodVideos',
      (x) => `${x.account}|${x.videoId}`,
      'videoId',
    ),
    ...duplicates(
      parsed.data.vodVideos,
      'vodVideos',
      (x) => x.referenceId && `${x.account}|${x.referenceId}`,
      'referenceId',
    ),
    ...duplicates(parsed.data.iceMedia, 'iceMedia', (x) => `${x.account}|${x.mediaId}`, 'mediaId'),
    ...duplicates(
      parsed.data.iceMedia,
      'iceMedia',
      (x) => `${x.account}|${x.inputURL}`,
      'inputURL',
    ),
    ...duplicates(
      parsed.data.iceMedia,
      'iceMedia',
      (x) => x.referenceId && `${x.account}|${x.referenceId}`,
      'referenceId',
    ),
    ...duplicates(
      parsed.data.cvmImages,
      'cvmImages',
      (x) => `${x.account}|${x.imageId}`,
      'imageId',
    ),
    ...duplicates(parsed.data.cvmImages, 'cvmImages', (x) => `${x.account}|${x.name}`, 'name'),
    ...duplicates(
      parsed.data.imagesearchInstances,
      'imagesearchInstances',
      (x) => `${x.project}|${x.name}`,
      'name',
    ),
    ...parsed.data.imagesearchInstances.flatMap((instance, i) =>
      duplicates(instance.images, `imagesearchInstances[${i}].images`, (x) => x.path, 'path'),
    ),
  ]
  if (problems.length > 0) throw new InvalidStateError(source, problems)
  return parsed.data
}

function duplicates<T>(
  items: readonly T[],
  at: string,
  key: (item: T) => string | undefined,
  field: string,
): string[] {
  const seen = new Map<string, number>()
  const problems: string[] = []
  items.forEach((item, index) => {
    const k = key(item)
    if (!k) return
    const first = seen.get(k)
    if (first === undefined) seen.set(k, index)
    else
      problems.push(
        `${at}[${index}].${field}: duplicates ${at}[${first}].${field} within the same owner`,
      )
  })
  return problems
}
