import { modifyImageAttribute as operation } from '../catalog/index.ts'
import { SAMPLE_IDS } from '../simulator/index.ts'
import { type Scenario, state } from './define-scenario.ts'

const exists = state('CVM image exists', { imageId: SAMPLE_IDS.cvmImageV3 })
const base = { operation, profile: 'live' as const, given: [exists] }
const image = (fields: Record<string, string>) => ({ ImageId: SAMPLE_IDS.cvmImageV3, ...fields })

/** Tencent API 3.0 ModifyImageAttribute: the sample, every documented error code, limits. */
export const modifyImageAttributeScenarios: Scenario[] = [
  {
    ...base,
    id: `${operation.id}/documented-json-sample`,
    kind: 'sample',
    description: 'the documented sample',
    request: { params: operation.sampleRequests[0]!.params },
    expect: {
      status: 200,
      result: {},
      sample: 'documented JSON sample (T-WEB3; request id completed)',
    },
  },
  {
    ...base,
    given: [state('CVM image does not exist', { imageId: 'img-00000000' })],
    id: `${operation.id}/not-found`,
    kind: 'error',
    description: 'an unknown image answers InvalidImageId.NotFound',
    request: { params: { ImageId: 'img-00000000', ImageName: 'x' } },
    expect: { status: 200, code: 'InvalidImageId.NotFound' },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/malformed`,
    kind: 'error',
    description: 'a malformed image id answers InvalidImageId.Malformed',
    request: { params: { ImageId: 'image-1' } },
    expect: { status: 200, code: 'InvalidImageId.Malformed' },
  },
  {
    ...base,
    given: [
      exists,
      state('CVM image name is taken', { name: 'taken-name', imageId: 'img-takenam1' }),
    ],
    id: `${operation.id}/duplicate-name`,
    kind: 'error',
    description: 'a name already in use answers InvalidImageName.Duplicate',
    request: { params: image({ ImageName: 'taken-name' }) },
    expect: { status: 200, code: 'InvalidImageName.Duplicate' },
  },
  {
    ...base,
    given: [state('CVM image is shared', { imageId: SAMPLE_IDS.cvmImageShared })],
    id: `${operation.id}/shared-image`,
    kind: 'error',
    description: 'a shared image answers InvalidImageId.IncorrectState',
    request: { params: { ImageId: SAMPLE_IDS.cvmImageShared, ImageName: 'mine' } },
    expect: { status: 200, code: 'InvalidImageId.IncorrectState' },
  },
  {
    ...base,
    id: `${operation.id}/name-20`,
    kind: 'boundary',
    description: 'an ImageName of 20 characters is accepted',
    request: { params: image({ ImageName: '名'.repeat(20) }) },
    expect: { status: 200, result: {} },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/name-21`,
    kind: 'boundary',
    description: 'an ImageName of 21 characters answers InvalidParameterValue.TooLarge',
    request: { params: image({ ImageName: 'n'.repeat(21) }) },
    expect: { status: 200, code: 'InvalidParameterValue.TooLarge' },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/description-61`,
    kind: 'boundary',
    description: 'an ImageDescription of 61 characters answers InvalidParameterValue.TooLarge',
    request: { params: image({ ImageDescription: 'd'.repeat(61) }) },
    expect: { status: 200, code: 'InvalidParameterValue.TooLarge' },
  },
]
