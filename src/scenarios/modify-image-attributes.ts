import { modifyImageAttributes as operation } from '../catalog/index.ts'
import { SAMPLE_IDS } from '../simulator/index.ts'
import { type Scenario, state } from './define-scenario.ts'

const exists = state('CVM image exists', { imageId: SAMPLE_IDS.cvmImageV2 })
const sample = operation.sampleRequests[0]!.params
const base = { operation, profile: 'live' as const, given: [exists] }

/** Tencent API 2.0 ModifyImageAttributes: the sample in both profiles, errors and limits. */
export const modifyImageAttributesScenarios: Scenario[] = [
  {
    ...base,
    id: `${operation.id}/documented-json-sample`,
    kind: 'sample',
    description: 'the documented sample (code 0, no codeDesc)',
    profile: 'documented',
    request: { params: sample },
    expect: { status: 200, result: {}, sample: 'documented JSON sample' },
  },
  {
    ...base,
    id: `${operation.id}/live-json`,
    kind: 'sample',
    description: 'the sample request, live shape (with codeDesc)',
    request: { params: sample },
    expect: { status: 200, result: {}, sample: 'live JSON shape (legacy services add codeDesc)' },
  },
  {
    ...base,
    given: [state('CVM image does not exist', { imageId: 'img-00000000' })],
    id: `${operation.id}/unknown-image`,
    kind: 'error',
    description: 'an unknown image answers code 5000',
    request: { params: { imageId: 'img-00000000', imageName: 'x' } },
    expect: { status: 200, code: '5000' },
  },
  {
    ...base,
    given: [
      exists,
      state('CVM image name is taken', { name: 'taken-name', imageId: 'img-takenam1' }),
    ],
    id: `${operation.id}/duplicate-name`,
    kind: 'error',
    description: 'a name already in use answers code 4000',
    request: { params: { imageId: SAMPLE_IDS.cvmImageV2, imageName: 'taken-name' } },
    expect: { status: 200, code: '4000' },
  },
  {
    ...base,
    given: [state('CVM image is shared', { imageId: SAMPLE_IDS.cvmImageShared })],
    id: `${operation.id}/shared-image`,
    kind: 'error',
    description: 'a shared image answers code 5100',
    request: { params: { imageId: SAMPLE_IDS.cvmImageShared, imageName: 'mine' } },
    expect: { status: 200, code: '5100' },
  },
  {
    ...base,
    id: `${operation.id}/name-16`,
    kind: 'boundary',
    description: 'an imageName of 16 characters is accepted',
    request: { params: { imageId: SAMPLE_IDS.cvmImageV2, imageName: 'n'.repeat(16) } },
    expect: { status: 200, result: {} },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/name-17`,
    kind: 'boundary',
    description: 'an imageName of 17 characters answers code 4000',
    request: { params: { imageId: SAMPLE_IDS.cvmImageV2, imageName: 'n'.repeat(17) } },
    expect: { status: 200, code: '4000' },
  },
  {
    ...base,
    id: `${operation.id}/description-64`,
    kind: 'boundary',
    description: 'an imageDescription of 64 CJK characters is accepted',
    request: { params: { imageId: SAMPLE_IDS.cvmImageV2, imageDescription: '描'.repeat(64) } },
    expect: { status: 200, result: {} },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/description-65`,
    kind: 'boundary',
    description: 'an imageDescription of 65 characters answers code 4000',
    request: { params: { imageId: SAMPLE_IDS.cvmImageV2, imageDescription: 'd'.repeat(65) } },
    expect: { status: 200, code: '4000' },
  },
]
