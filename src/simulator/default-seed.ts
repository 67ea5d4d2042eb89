import type { SimulatorState } from './state-schema.ts'

/**
 * The built-in state `tapedeck serve` starts with: the documented test credentials, every resource
 * the vendor samples name in the state that makes each sample response come out, and 25 more assets
 * per service for 20-item batches. A second account (`other`) exists to show isolation.
 */

/** The documented test credentials (vendor docs' examples; never real keys). */
export const DEFAULT_CREDENTIALS = {
  alibaba: { accessKeyId: 'testAccessKeyId', accessKeySecret: 'testAccessKeySecret' },
  /** A temporary (STS) AccessKey: its calls must carry the SecurityToken, until it expires. */
  alibabaSts: {
    accessKeyId: 'STS.testStsAccessKeyId',
    accessKeySecret: 'testStsAccessKeySecret',
    securityToken: 'testStsSecurityToken',
    expiration: '2099-12-31T00:00:00Z',
  },
  tencent: {
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA',
  },
  huawei: {
    ak: 'testHuaweiAK',
    sk: 'testHuaweiSK',
    token: 'test-x-auth-token',
    project: '0123456789abcdef0123456789abcdef',
    instance: 'test-instance',
  },
} as const

/** Ids the documented samples name, and how the default state treats them. */
export const SAMPLE_IDS = {
  vodImage: 'ff8fe57e3461416c*****6a267a4e09',
  vodImageMissing: 'f45cf4eba5c8*****0233389558c39',
  vodVideoMissing: 'f45cf4eba5cb90233389558c39****',
  vodVideoForbidden: 'f45cf4eba5c84233389558c36****',
  vodReferenceMissing: '123-123',
  iceMedia: '****20b48fb04483915d4f2cd8ac****',
  iceInputURL: 'http://example-bucket.oss-cn-shanghai.aliyuncs.com/example.mp4',
  cvmImageV2: 'img-12345678',
  cvmImageV3: 'img-gvbnzy6f',
  cvmImageShared: 'img-shared01',
  imagesearchPath: 'https://bucketName.obs.myhuaweicloud.com/image/test1.jpg',
} as const

const DEMO = 'demo'
const OTHER = 'other'
const range = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1).padStart(2, '0'))

/** A fresh copy of the built-in state. */
export function createDefaultState(): SimulatorState {
  const { alibaba, alibabaSts, tencent, huawei } = DEFAULT_CREDENTIALS
  return {
    credentials: {
      alibaba: [
        { ...alibaba, account: DEMO },
        { ...alibabaSts, account: DEMO },
        {
          accessKeyId: 'otherAccessKeyId',
          accessKeySecret: 'otherAccessKeySecret',
          account: OTHER,
        },
      ],
      tencent: [
        { ...tencent, account: DEMO },
        {
          secretId: 'AKIDotherSecretIdForTheOtherAccount0000',
          secretKey: 'otherTencentSecretKey',
          account: OTHER,
        },
      ],
      huaweiAksk: [{ ak: huawei.ak, sk: huawei.sk, account: DEMO, project: huawei.project }],
      huaweiTokens: [{ token: huawei.token, account: DEMO, project: huawei.project }],
    },
    vodImages: [
      { account: DEMO, imageId: SAMPLE_IDS.vodImage, title: 'Original title', tags: ['original'] },
      ...range(25).map((n) => ({ account: DEMO, imageId: `vod-image-${n}`, title: `Image ${n}` })),
      { account: OTHER, imageId: 'other-account-image', title: 'Not yours' },
    ],
    vodVideos: [
      {
        account: DEMO,
        videoId: SAMPLE_IDS.vodVideoForbidden,
        title: 'Locked video',
        forbidden: true,
      },
      ...range(25).map((n) => ({
        account: DEMO,
        videoId: `vod-video-${n}`,
        title: `Video ${n}`,
        referenceId: `video-ref-${n}`,
      })),
      { account: OTHER, videoId: 'other-account-video', title: 'Not yours' },
    ],
    iceMedia: [
      {
        account: DEMO,
        mediaId: SAMPLE_IDS.iceMedia,
        inputURL: SAMPLE_IDS.iceInputURL,
        title: 'Original title',
        tags: ['original'],
      },
      ...range(25).map((n) => ({
        account: DEMO,
        mediaId: `ice-media-${n}`,
        inputURL: `oss://example-bucket/media-${n}.mp4`,
        title: `Media ${n}`,
      })),
    ],
    cvmImages: [
      { account: DEMO, imageId: SAMPLE_IDS.cvmImageV2, name: 'original-name' },
      { account: DEMO, imageId: SAMPLE_IDS.cvmImageV3, name: 'original-v3-name' },
      { account: DEMO, imageId: SAMPLE_IDS.cvmImageShared, name: 'shared-image', shared: true },
      ...range(25).map((n) => ({
        account: DEMO,
        imageId: `img-bulk00${n}`,
        name: `bulk-image-${n}`,
      })),
      { account: OTHER, imageId: 'img-others01', name: 'others-image' },
    ],
    imagesearchInstances: [
      {
        project: huawei.project,
        name: huawei.instance,
        tagKeys: ['test-tags'],
        images: [
          { path: SAMPLE_IDS.imagesearchPath, tags: { 'test-tags': 'original' } },
          ...range(25).map((n) => ({
            path: `https://bucketName.obs.myhuaweicloud.com/image/bulk-${n}.jpg`,
            tags: {},
          })),
        ],
      },
    ],
  }
}
