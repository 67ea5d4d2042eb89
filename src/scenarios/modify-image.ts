import { modifyImage as operation } from '../catalog/index.ts'
import { DEFAULT_CREDENTIALS, SAMPLE_IDS } from '../simulator/index.ts'
import { type Scenario, state } from './define-scenario.ts'

const { project, instance } = DEFAULT_CREDENTIALS.huawei
const pathParams = { project_id: project, instance_name: instance }
const path = SAMPLE_IDS.imagesearchPath
const given = [
  state('ImageSearch instance defines a tag key', { instance, key: 'test-tags' }),
  state('image is in the ImageSearch library', { instance, path }),
]
const base = { operation, profile: 'live' as const, given }

/** Huawei ImageSearch modify: both documented samples (200 and 400) and the IS errors. */
export const modifyImageScenarios: Scenario[] = [
  {
    ...base,
    id: `${operation.id}/documented-200-sample`,
    kind: 'sample',
    description: 'the documented request and 200 sample',
    request: { params: operation.sampleRequests[0]!.params, pathParams },
    expect: { status: 200, result: {}, sample: 'documented 200 sample' },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/documented-400-sample`,
    kind: 'sample',
    description: 'the documented 400 sample: an empty path answers IS.0003',
    request: { params: { path: '', tags: { 'test-tags': 'test-image' } }, pathParams },
    expect: { status: 400, code: 'IS.0003', sample: 'documented 400 sample' },
  },
  {
    ...base,
    given: [
      state('image is not in the ImageSearch library', {
        instance,
        path: 'https://bucketName.obs.myhuaweicloud.com/image/absent.jpg',
      }),
    ],
    id: `${operation.id}/path-not-in-library`,
    kind: 'error',
    description: 'a path not in the library answers IS.0016',
    request: {
      params: { path: 'https://bucketName.obs.myhuaweicloud.com/image/absent.jpg', tags: {} },
      pathParams,
    },
    expect: { status: 400, code: 'IS.0016' },
  },
  {
    ...base,
    id: `${operation.id}/undefined-tag-key`,
    kind: 'error',
    description: 'a tag key the instance does not define answers IS.0001',
    request: { params: { path, tags: { 'undefined-key': 'x' } }, pathParams },
    expect: { status: 400, code: 'IS.0001' },
  },
  {
    ...base,
    given: [state('ImageSearch instance does not exist', { instance: 'no-such-instance' })],
    id: `${operation.id}/unknown-instance`,
    kind: 'error',
    description: 'an unknown instance answers IS.0007',
    request: {
      params: { path, tags: {} },
      pathParams: { ...pathParams, instance_name: 'no-such-instance' },
    },
    expect: { status: 400, code: 'IS.0007' },
  },
  {
    ...base,
    given: [],
    id: `${operation.id}/missing-tags`,
    kind: 'error',
    description: 'a body without tags answers IS.0003',
    request: { params: { path }, pathParams },
    expect: { status: 400, code: 'IS.0003' },
  },
]
