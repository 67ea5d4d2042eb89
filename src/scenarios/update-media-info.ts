import { updateMediaInfo as operation } from '../catalog/index.ts'
import { SAMPLE_IDS } from '../simulator/index.ts'
import { type Scenario, state } from './define-scenario.ts'

const registered = state('IMS media is registered with an InputURL', {
  mediaId: SAMPLE_IDS.iceMedia,
  inputURL: SAMPLE_IDS.iceInputURL,
})
const sample = operation.sampleRequests[0]!.params
const base = { operation, profile: 'live' as const, given: [registered] }
const ok = { status: 200, result: { MediaId: SAMPLE_IDS.iceMedia } }
const media = (fields: Record<string, string>) => ({ MediaId: SAMPLE_IDS.iceMedia, ...fields })

/** IMS UpdateMediaInfo: the documented sample, XML, errors and limits. */
export const updateMediaInfoScenarios: Scenario[] = [
  {
    ...base,
    id: `${operation.id}/documented-json-sample`,
    kind: 'sample',
    description: 'the documented sample (every Example value)',
    request: { params: sample },
    expect: { ...ok, sample: 'documented JSON sample' },
  },
  {
    ...base,
    id: `${operation.id}/xml`,
    kind: 'sample',
    description: 'an update answered in XML',
    request: { params: media({ Title: 'defaultTitle' }), format: 'xml' },
    expect: ok,
  },
  {
    ...base,
    id: `${operation.id}/by-input-url`,
    kind: 'sample',
    description: 'media located by its InputURL alone',
    request: { params: { InputURL: SAMPLE_IDS.iceInputURL, Title: 'by url' } },
    expect: ok,
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/neither-id`,
    kind: 'error',
    description: 'neither MediaId nor InputURL is refused with MissingParameter',
    request: { params: { Title: 'x' } },
    expect: { status: 400, code: 'MissingParameter' },
  },
  {
    ...base,
    given: [state('IMS media does not exist', { mediaId: 'unknown-media-id' })],
    id: `${operation.id}/unknown-media`,
    kind: 'error',
    description: 'an unknown MediaId is refused with ResourceNotFound',
    request: { params: { MediaId: 'unknown-media-id' } },
    expect: { status: 404, code: 'ResourceNotFound' },
  },
  {
    ...base,
    id: `${operation.id}/media-id-and-other-input-url`,
    kind: 'boundary',
    description: 'a MediaId with another InputURL locates by MediaId and ignores the InputURL',
    request: { params: media({ InputURL: 'oss://another-bucket/other.mp4' }) },
    expect: ok,
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/business-type`,
    kind: 'error',
    description: 'an unlisted BusinessType is refused with InvalidParameter',
    request: { params: media({ BusinessType: 'movie' }) },
    expect: { status: 400, code: 'InvalidParameter' },
  },
  {
    ...base,
    id: `${operation.id}/category-64`,
    kind: 'boundary',
    description: 'a Category of 64 bytes is accepted',
    request: { params: media({ Category: 'é'.repeat(32) }) },
    expect: ok,
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/category-65`,
    kind: 'boundary',
    description: 'a Category of 65 bytes is refused with InvalidParameter',
    request: { params: media({ Category: `${'é'.repeat(32)}x` }) },
    expect: { status: 400, code: 'InvalidParameter' },
  },
  {
    ...base,
    id: `${operation.id}/user-data-1024`,
    kind: 'boundary',
    description: 'UserData of 1024 bytes is accepted',
    request: { params: media({ UserData: 'u'.repeat(1024) }) },
    expect: ok,
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/user-data-1025`,
    kind: 'boundary',
    description: 'UserData of 1025 bytes is refused with InvalidParameter',
    request: { params: media({ UserData: 'u'.repeat(1025) }) },
    expect: { status: 400, code: 'InvalidParameter' },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/17-tags`,
    kind: 'boundary',
    description: '17 MediaTags are refused with InvalidParameter',
    request: {
      params: media({ MediaTags: Array.from({ length: 17 }, (_, i) => `t${i}`).join(',') }),
    },
    expect: { status: 400, code: 'InvalidParameter' },
  },
]
