import { updateImageInfos as operation } from '../catalog/index.ts'
import { SAMPLE_IDS } from '../simulator/index.ts'
import { type Scenario, state } from './define-scenario.ts'

const { vodImage, vodImageMissing } = SAMPLE_IDS
const exists = state('VOD image exists', { imageId: vodImage })
const missing = state('VOD image does not exist', { imageId: vodImageMissing })
const sample = [
  { ImageId: vodImage, Title: 'Title', Description: 'Description', Tags: 'Tag 1,Tag 2' },
  { ImageId: vodImageMissing },
]
const content = (items: unknown[]) => ({ UpdateContent: JSON.stringify(items) })
const many = (n: number) =>
  content(Array.from({ length: n }, (_, i) => ({ ImageId: `bulk-missing-${i}` })))
const base = { operation, given: [exists, missing], profile: 'live' as const }
const ok = { status: 200, result: { NonExistImageIds: [] } }

/** VOD UpdateImageInfos: both documented samples (JSON and XML), both profiles, errors and limits. */
export const updateImageInfosScenarios: Scenario[] = [
  {
    ...base,
    id: `${operation.id}/documented-json-sample`,
    kind: 'sample',
    description: 'the documented JSON sample (flat NonExistImageIds)',
    profile: 'documented',
    request: { params: content(sample) },
    expect: {
      status: 200,
      result: { NonExistImageIds: [vodImageMissing] },
      sample: 'documented JSON sample',
    },
  },
  {
    ...base,
    id: `${operation.id}/documented-xml-sample`,
    kind: 'sample',
    description: 'the documented XML sample (bare NonExistImageIds)',
    profile: 'documented',
    request: { params: content(sample), format: 'xml' },
    expect: {
      status: 200,
      result: { NonExistImageIds: [vodImageMissing] },
      sample: 'documented XML sample',
    },
  },
  {
    ...base,
    id: `${operation.id}/live-json`,
    kind: 'sample',
    description: 'the sample request, live shape (NonExistImageIds wrapped in ImageId)',
    request: { params: content(sample) },
    expect: {
      status: 200,
      result: { NonExistImageIds: [vodImageMissing] },
      sample: 'live JSON shape (help.aliyun.com zh example, official SDK models)',
    },
  },
  {
    ...base,
    id: `${operation.id}/live-xml`,
    kind: 'sample',
    description: 'the sample request in XML, live shape (ImageId elements)',
    request: { params: content(sample), format: 'xml' },
    expect: { status: 200, result: { NonExistImageIds: [vodImageMissing] } },
  },
  {
    ...base,
    id: `${operation.id}/20-items`,
    kind: 'boundary',
    description: '20 items are accepted',
    request: { params: many(20) },
    expect: {
      status: 200,
      result: { NonExistImageIds: Array.from({ length: 20 }, (_, i) => `bulk-missing-${i}`) },
    },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/21-items`,
    kind: 'error',
    description: '21 items are refused with CountExceededMax',
    request: { params: many(21) },
    expect: { status: 400, code: 'CountExceededMax' },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/21-items-xml`,
    kind: 'error',
    description: '21 items are refused with CountExceededMax, in XML',
    request: { params: many(21), format: 'xml' },
    expect: { status: 400, code: 'CountExceededMax' },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/missing-update-content`,
    kind: 'error',
    description: 'a request without UpdateContent is refused with MissingParameter',
    request: { params: {} },
    expect: { status: 400, code: 'MissingParameter' },
  },
  {
    ...base,
    given: [exists],
    id: `${operation.id}/title-128-bytes`,
    kind: 'boundary',
    description: 'a Title of 128 bytes of multi-byte text is accepted',
    request: { params: content([{ ImageId: vodImage, Title: 'é'.repeat(64) }]) },
    expect: ok,
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/title-129-bytes`,
    kind: 'boundary',
    description: 'a Title of 129 bytes is refused with InvalidParameter',
    request: { params: content([{ ImageId: vodImage, Title: `${'é'.repeat(64)}x` }]) },
    expect: { status: 400, code: 'InvalidParameter' },
  },
  {
    ...base,
    given: [exists],
    id: `${operation.id}/16-tags`,
    kind: 'boundary',
    description: '16 tags of 32 bytes are accepted',
    request: {
      params: content([
        {
          ImageId: vodImage,
          Tags: Array.from(
            { length: 16 },
            (_, i) => `${'中'.repeat(10)}${String(i).padStart(2, '0')}`,
          ).join(','),
        },
      ]),
    },
    expect: ok,
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/17-tags`,
    kind: 'boundary',
    description: '17 tags are refused with InvalidParameter',
    request: {
      params: content([
        { ImageId: vodImage, Tags: Array.from({ length: 17 }, (_, i) => `t${i}`).join(',') },
      ]),
    },
    expect: { status: 400, code: 'InvalidParameter' },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/tag-33-bytes`,
    kind: 'boundary',
    description: 'a tag of 33 bytes is refused with InvalidParameter',
    request: { params: content([{ ImageId: vodImage, Tags: '中'.repeat(11) }]) },
    expect: { status: 400, code: 'InvalidParameter' },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/emoji-title`,
    kind: 'error',
    description: 'an emoji in the Title is refused with InvalidParameter',
    request: { params: content([{ ImageId: vodImage, Title: 'Title 😀' }]) },
    expect: { status: 400, code: 'InvalidParameter' },
  },
]
