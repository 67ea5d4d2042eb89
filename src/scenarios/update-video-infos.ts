import { updateVideoInfos as operation } from '../catalog/index.ts'
import { SAMPLE_IDS } from '../simulator/index.ts'
import { type Scenario, state } from './define-scenario.ts'

const { vodVideoMissing, vodVideoForbidden, vodReferenceMissing } = SAMPLE_IDS
const given = [
  state('VOD video does not exist', { videoId: vodVideoMissing }),
  state('VOD video is forbidden to the caller', { videoId: vodVideoForbidden }),
  state('no VOD video has the ReferenceId', { referenceId: vodReferenceMissing }),
]
const content = (items: unknown[]) => ({ UpdateContent: JSON.stringify(items) })
// The documented request, plus the ReferenceId the documented response lists.
const sample = content([
  { VideoId: vodVideoMissing, Title: 'Alibaba Cloud VOD Video Title1' },
  { VideoId: vodVideoForbidden, Title: 'Alibaba Cloud VOD Video Title2' },
  { ReferenceId: vodReferenceMissing, Title: 'Alibaba Cloud VOD Video Title3' },
])
const result = {
  ForbiddenVideoIds: [vodVideoForbidden],
  NonExistVideoIds: [vodVideoMissing],
  NonExistReferenceIds: [vodReferenceMissing],
}
const existing = state('VOD video exists', { videoId: 'vod-video-01' })
const base = { operation, profile: 'live' as const }
const many = (n: number) =>
  content(Array.from({ length: n }, (_, i) => ({ VideoId: `bulk-missing-${i}` })))

/** VOD UpdateVideoInfos: the documented sample, XML in both profiles, errors and limits. */
export const updateVideoInfosScenarios: Scenario[] = [
  {
    ...base,
    given,
    id: `${operation.id}/documented-json-sample`,
    kind: 'sample',
    description:
      'the documented JSON sample (one video missing, one forbidden, one unknown ReferenceId)',
    // The live profile answers JSON in the documented shape: one interaction, in the default
    // contracts, serves both profiles (only XML differs, below).
    request: { params: sample },
    expect: { status: 200, result, sample: 'documented JSON sample' },
  },
  {
    ...base,
    given,
    id: `${operation.id}/live-xml`,
    kind: 'sample',
    description: 'the sample request in XML, live shape (VideoId elements)',
    request: { params: sample, format: 'xml' },
    expect: { status: 200, result },
  },
  {
    ...base,
    given,
    id: `${operation.id}/documented-xml`,
    kind: 'sample',
    description: 'the sample request in XML, documented shape (bare elements)',
    profile: 'documented',
    request: { params: sample, format: 'xml' },
    expect: { status: 200, result },
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
    id: `${operation.id}/missing-video-id`,
    kind: 'error',
    description: 'an item with neither VideoId nor ReferenceId is refused with MissingParameter',
    request: { params: content([{ Title: 'x' }]) },
    expect: { status: 400, code: 'MissingParameter' },
  },
  {
    ...base,
    given: [existing],
    id: `${operation.id}/reference-id-6`,
    kind: 'boundary',
    description: 'a ReferenceId of 6 characters is accepted',
    request: { params: content([{ VideoId: 'vod-video-01', ReferenceId: 'ref-06' }]) },
    expect: {
      status: 200,
      result: { ForbiddenVideoIds: [], NonExistVideoIds: [], NonExistReferenceIds: [] },
    },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/reference-id-5`,
    kind: 'boundary',
    description: 'a ReferenceId of 5 characters is refused with InvalidParameter',
    request: { params: content([{ VideoId: 'vod-video-01', ReferenceId: 'ref-5' }]) },
    expect: { status: 400, code: 'InvalidParameter' },
  },
  {
    ...base,
    given: [existing],
    id: `${operation.id}/reference-id-64`,
    kind: 'boundary',
    description: 'a ReferenceId of 64 characters is accepted',
    request: { params: content([{ VideoId: 'vod-video-01', ReferenceId: 'r'.repeat(64) }]) },
    expect: {
      status: 200,
      result: { ForbiddenVideoIds: [], NonExistVideoIds: [], NonExistReferenceIds: [] },
    },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/reference-id-65`,
    kind: 'boundary',
    description: 'a ReferenceId of 65 characters is refused with InvalidParameter',
    request: { params: content([{ VideoId: 'vod-video-01', ReferenceId: 'r'.repeat(65) }]) },
    expect: { status: 400, code: 'InvalidParameter' },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/tag-33-bytes`,
    kind: 'boundary',
    description: 'a tag of 33 bytes is refused with InvalidParameter',
    request: { params: content([{ VideoId: 'vod-video-01', Tags: 't'.repeat(33) }]) },
    expect: { status: 400, code: 'InvalidParameter' },
  },
]
