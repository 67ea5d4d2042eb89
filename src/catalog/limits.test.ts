import { describe, expect, it } from 'vitest'
import {
  type FaultKind,
  modifyImage,
  modifyImageAttribute,
  modifyImageAttributes,
  type OperationDefinition,
  updateImageInfos,
  updateMediaInfo,
  updateVideoInfos,
  validateInput,
} from './index.ts'

// Every documented limit, on both sides of its boundary. Multi-byte text sits exactly at the byte
// limit and one byte over: 'é' is 2 bytes in UTF-8, '中' is 3.
const images = (items: unknown[]) => ({ UpdateContent: JSON.stringify(items) })
const image = (fields: Record<string, unknown>) => images([{ ImageId: 'img', ...fields }])
const video = (fields: Record<string, unknown>) => ({
  UpdateContent: JSON.stringify([{ VideoId: 'v', ...fields }]),
})
const media = (fields: Record<string, unknown>) => ({ MediaId: 'm', ...fields })
const tags = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`).join(',')

type Case = [
  name: string,
  OperationDefinition,
  params: unknown,
  expected: 'ok' | [FaultKind, string],
]

const cases: Case[] = [
  [
    '20 images are accepted',
    updateImageInfos,
    images(Array.from({ length: 20 }, (_, i) => ({ ImageId: `i${i}` }))),
    'ok',
  ],
  [
    '21 images exceed the count',
    updateImageInfos,
    images(Array.from({ length: 21 }, (_, i) => ({ ImageId: `i${i}` }))),
    ['CountExceeded', 'UpdateContent'],
  ],
  [
    'a Title of 128 bytes (64 × é) is accepted',
    updateImageInfos,
    image({ Title: 'é'.repeat(64) }),
    'ok',
  ],
  [
    'a Title of 129 bytes is refused',
    updateImageInfos,
    image({ Title: `${'é'.repeat(64)}a` }),
    ['ValueTooLarge', 'UpdateContent[0].Title'],
  ],
  [
    'a Title of 128 bytes in CJK (42 × 中 + 2) is accepted',
    updateImageInfos,
    image({ Title: `${'中'.repeat(42)}ab` }),
    'ok',
  ],
  [
    'a Title of 129 bytes in CJK is refused',
    updateImageInfos,
    image({ Title: `${'中'.repeat(43)}` }),
    ['ValueTooLarge', 'UpdateContent[0].Title'],
  ],
  [
    'a Description of 1024 bytes is accepted',
    updateImageInfos,
    image({ Description: 'é'.repeat(512) }),
    'ok',
  ],
  [
    'a Description of 1025 bytes is refused',
    updateImageInfos,
    image({ Description: `${'é'.repeat(512)}x` }),
    ['ValueTooLarge', 'UpdateContent[0].Description'],
  ],
  ['16 tags are accepted', updateImageInfos, image({ Tags: tags(16) }), 'ok'],
  [
    '17 tags are refused',
    updateImageInfos,
    image({ Tags: tags(17) }),
    ['ValueTooLarge', 'UpdateContent[0].Tags'],
  ],
  [
    'a tag of 32 bytes is accepted',
    updateImageInfos,
    image({ Tags: `${'中'.repeat(10)}ab,x` }),
    'ok',
  ],
  [
    'a tag of 33 bytes is refused',
    updateImageInfos,
    image({ Tags: `${'中'.repeat(11)},x` }),
    ['ValueTooLarge', 'UpdateContent[0].Tags'],
  ],
  [
    'an emoji in a Title is refused',
    updateImageInfos,
    image({ Title: 'hi 😀' }),
    ['InvalidParameter', 'UpdateContent[0].Title'],
  ],
  [
    'an emoji in a Description is refused',
    updateImageInfos,
    image({ Description: 'ok 🎬' }),
    ['InvalidParameter', 'UpdateContent[0].Description'],
  ],
  [
    'an emoji in a tag is refused',
    updateImageInfos,
    image({ Tags: 'a,🇨🇳' }),
    ['InvalidParameter', 'UpdateContent[0].Tags'],
  ],
  [
    'an emoji-presentation sequence (☺️) is refused',
    updateImageInfos,
    image({ Title: '☺️' }),
    ['InvalidParameter', 'UpdateContent[0].Title'],
  ],
  ['text symbols © ® ™ are not emoji', updateImageInfos, image({ Title: '© 2026 ® ™ #1' }), 'ok'],
  [
    'a CateId as a number or a numeric string is accepted',
    updateImageInfos,
    images([
      { ImageId: 'a', CateId: 1 },
      { ImageId: 'b', CateId: '2' },
    ]),
    'ok',
  ],
  [
    'a non-numeric CateId is refused',
    updateImageInfos,
    image({ CateId: 'abc' }),
    ['InvalidParameter', 'UpdateContent[0].CateId'],
  ],
  [
    'a missing ImageId is a missing parameter',
    updateImageInfos,
    images([{ Title: 't' }]),
    ['MissingParameter', 'UpdateContent[0].ImageId'],
  ],
  [
    'a numeric ImageId is refused',
    updateImageInfos,
    images([{ ImageId: 5 }]),
    ['InvalidParameter', 'UpdateContent[0].ImageId'],
  ],
  [
    'a missing UpdateContent is a missing parameter',
    updateImageInfos,
    {},
    ['MissingParameter', 'UpdateContent'],
  ],
  [
    'an UpdateContent that is not JSON is refused',
    updateImageInfos,
    { UpdateContent: '[{' },
    ['InvalidParameter', 'UpdateContent'],
  ],
  [
    'an UpdateContent that is an object is refused',
    updateImageInfos,
    { UpdateContent: '{"ImageId":"a"}' },
    ['InvalidParameter', 'UpdateContent'],
  ],
  [
    'an empty UpdateContent is refused',
    updateImageInfos,
    { UpdateContent: '[]' },
    ['InvalidParameter', 'UpdateContent'],
  ],
  [
    '20 videos are accepted',
    updateVideoInfos,
    { UpdateContent: JSON.stringify(Array.from({ length: 20 }, (_, i) => ({ VideoId: `v${i}` }))) },
    'ok',
  ],
  [
    '21 videos exceed the count',
    updateVideoInfos,
    { UpdateContent: JSON.stringify(Array.from({ length: 21 }, (_, i) => ({ VideoId: `v${i}` }))) },
    ['CountExceeded', 'UpdateContent'],
  ],
  [
    'a ReferenceId of 5 characters is refused',
    updateVideoInfos,
    video({ ReferenceId: 'abcde' }),
    ['InvalidParameter', 'UpdateContent[0].ReferenceId'],
  ],
  [
    'a ReferenceId of 6 characters is accepted',
    updateVideoInfos,
    video({ ReferenceId: 'abc-_1' }),
    'ok',
  ],
  [
    'a ReferenceId of 64 characters is accepted',
    updateVideoInfos,
    video({ ReferenceId: 'r'.repeat(64) }),
    'ok',
  ],
  [
    'a ReferenceId of 65 characters is refused',
    updateVideoInfos,
    video({ ReferenceId: 'r'.repeat(65) }),
    ['InvalidParameter', 'UpdateContent[0].ReferenceId'],
  ],
  [
    'a ReferenceId outside [A-Za-z0-9_-] is refused',
    updateVideoInfos,
    video({ ReferenceId: 'abc def' }),
    ['InvalidParameter', 'UpdateContent[0].ReferenceId'],
  ],
  [
    'a video located by ReferenceId alone is accepted',
    updateVideoInfos,
    { UpdateContent: '[{"ReferenceId":"ref-0001"}]' },
    'ok',
  ],
  [
    'a video item with neither VideoId nor ReferenceId is refused',
    updateVideoInfos,
    { UpdateContent: '[{"Title":"x"}]' },
    ['MissingParameter', 'UpdateContent[0].VideoId'],
  ],
  // UpdateVideoInfos' page states no limit on CoverURL, Title or Description and no emoji rule.
  [
    'a video CoverURL of 129 bytes is accepted',
    updateVideoInfos,
    video({ CoverURL: 'u'.repeat(129) }),
    'ok',
  ],
  [
    'a video Title of 129 bytes is accepted',
    updateVideoInfos,
    video({ Title: `${'é'.repeat(64)}a` }),
    'ok',
  ],
  ['an emoji in a video tag is accepted', updateVideoInfos, video({ Tags: '🎥' }), 'ok'],
  [
    'a video tag of 33 bytes is refused',
    updateVideoInfos,
    video({ Tags: 't'.repeat(33) }),
    ['ValueTooLarge', 'UpdateContent[0].Tags'],
  ],
  [
    'media with neither MediaId nor InputURL is refused',
    updateMediaInfo,
    { Title: 't' },
    ['MissingParameter', 'MediaId'],
  ],
  [
    'media located by InputURL alone is accepted',
    updateMediaInfo,
    { InputURL: 'oss://b/x.mp4' },
    'ok',
  ],
  [
    'a Category of 64 bytes is accepted',
    updateMediaInfo,
    media({ Category: 'é'.repeat(32) }),
    'ok',
  ],
  [
    'a Category of 65 bytes is refused',
    updateMediaInfo,
    media({ Category: `${'é'.repeat(32)}x` }),
    ['ValueTooLarge', 'Category'],
  ],
  [
    'a UserData of 1024 bytes is accepted',
    updateMediaInfo,
    media({ UserData: 'u'.repeat(1024) }),
    'ok',
  ],
  [
    'a UserData of 1025 bytes is refused',
    updateMediaInfo,
    media({ UserData: 'u'.repeat(1025) }),
    ['ValueTooLarge', 'UserData'],
  ],
  [
    'a media CoverURL of 129 bytes is refused',
    updateMediaInfo,
    media({ CoverURL: 'u'.repeat(129) }),
    ['ValueTooLarge', 'CoverURL'],
  ],
  [
    'a media Title of 129 bytes is refused',
    updateMediaInfo,
    media({ Title: 'x'.repeat(129) }),
    ['ValueTooLarge', 'Title'],
  ],
  [
    'a media Description of 1025 bytes is refused',
    updateMediaInfo,
    media({ Description: 'x'.repeat(1025) }),
    ['ValueTooLarge', 'Description'],
  ],
  ['16 media tags are accepted', updateMediaInfo, media({ MediaTags: tags(16) }), 'ok'],
  [
    '17 media tags are refused',
    updateMediaInfo,
    media({ MediaTags: tags(17) }),
    ['ValueTooLarge', 'MediaTags'],
  ],
  [
    'a media tag of 33 bytes is refused',
    updateMediaInfo,
    media({ MediaTags: 'x'.repeat(33) }),
    ['ValueTooLarge', 'MediaTags'],
  ],
  [
    'each listed BusinessType is accepted',
    updateMediaInfo,
    media({ BusinessType: 'watermark' }),
    'ok',
  ],
  [
    'the documented example BusinessType "video" is accepted',
    updateMediaInfo,
    media({ BusinessType: 'video' }),
    'ok',
  ],
  [
    'an unlisted BusinessType is refused',
    updateMediaInfo,
    media({ BusinessType: 'movie' }),
    ['InvalidParameter', 'BusinessType'],
  ],
  ['AppendTags takes true or false', updateMediaInfo, media({ AppendTags: 'false' }), 'ok'],
  [
    'AppendTags refuses other values',
    updateMediaInfo,
    media({ AppendTags: 'maybe' }),
    ['InvalidParameter', 'AppendTags'],
  ],
  [
    'a media ReferenceId of 5 characters is refused',
    updateMediaInfo,
    media({ ReferenceId: 'abcde' }),
    ['InvalidParameter', 'ReferenceId'],
  ],
  [
    'a media ReferenceId of 65 characters is refused',
    updateMediaInfo,
    media({ ReferenceId: 'r'.repeat(65) }),
    ['InvalidParameter', 'ReferenceId'],
  ],
  [
    'a legacy imageName of 16 characters is accepted',
    modifyImageAttributes,
    { imageId: 'img-1', imageName: `${'a'.repeat(15)}-` },
    'ok',
  ],
  [
    'a legacy imageName of 17 characters is refused',
    modifyImageAttributes,
    { imageId: 'img-1', imageName: 'a'.repeat(17) },
    ['InvalidParameter', 'imageName'],
  ],
  [
    'a legacy imageName with "_" is refused',
    modifyImageAttributes,
    { imageId: 'img-1', imageName: 'a_b' },
    ['InvalidParameter', 'imageName'],
  ],
  [
    'an empty legacy imageName means unchanged',
    modifyImageAttributes,
    { imageId: 'img-1', imageName: '' },
    'ok',
  ],
  [
    'a legacy imageDescription of 64 CJK characters is accepted',
    modifyImageAttributes,
    { imageId: 'img-1', imageDescription: '描'.repeat(64) },
    'ok',
  ],
  [
    'a legacy imageDescription of 65 characters is refused',
    modifyImageAttributes,
    { imageId: 'img-1', imageDescription: 'd'.repeat(65) },
    ['InvalidParameter', 'imageDescription'],
  ],
  [
    'a legacy imageDescription with a space is refused',
    modifyImageAttributes,
    { imageId: 'img-1', imageDescription: 'a b' },
    ['InvalidParameter', 'imageDescription'],
  ],
  [
    'a missing legacy imageId is a missing parameter',
    modifyImageAttributes,
    {},
    ['MissingParameter', 'imageId'],
  ],
  [
    'an ImageName of 20 characters (CJK) is accepted',
    modifyImageAttribute,
    { ImageId: 'img-12345678', ImageName: '名'.repeat(20) },
    'ok',
  ],
  [
    'an ImageName of 21 characters is refused',
    modifyImageAttribute,
    { ImageId: 'img-12345678', ImageName: 'n'.repeat(21) },
    ['ValueTooLarge', 'ImageName'],
  ],
  [
    'an ImageDescription of 60 characters is accepted',
    modifyImageAttribute,
    { ImageId: 'img-12345678', ImageDescription: 'd'.repeat(60) },
    'ok',
  ],
  [
    'an ImageDescription of 61 characters is refused',
    modifyImageAttribute,
    { ImageId: 'img-12345678', ImageDescription: 'd'.repeat(61) },
    ['ValueTooLarge', 'ImageDescription'],
  ],
  [
    'a malformed ImageId is refused as malformed',
    modifyImageAttribute,
    { ImageId: 'image-1' },
    ['MalformedId', 'ImageId'],
  ],
  [
    'an empty Huawei path is a missing parameter (IS.0003)',
    modifyImage,
    { path: '', tags: {} },
    ['MissingParameter', 'path'],
  ],
  [
    'a null Huawei path is a missing parameter (IS.0003 "can not be null")',
    modifyImage,
    { path: null, tags: {} },
    ['MissingParameter', 'path'],
  ],
  [
    'missing Huawei tags are a missing parameter',
    modifyImage,
    { path: 'p' },
    ['MissingParameter', 'tags'],
  ],
  [
    'Huawei tags that are not an object are refused',
    modifyImage,
    { path: 'p', tags: ['a'] },
    ['InvalidParameter', 'tags'],
  ],
  [
    'Huawei tag values are free (the SDK model types tags as a bare object)',
    modifyImage,
    { path: 'p', tags: { k: 1, l: true, m: 'x' } },
    'ok',
  ],
  [
    'an empty API 3.0 ImageName is accepted (no source gives it a minimum)',
    modifyImageAttribute,
    { ImageId: 'img-12345678', ImageName: '' },
    'ok',
  ],
  [
    'an API 3.0 ImageFamily of 51 characters is accepted (no source gives it a maximum)',
    modifyImageAttribute,
    { ImageId: 'img-12345678', ImageFamily: 'f'.repeat(51) },
    'ok',
  ],
]

describe('documented limits', () => {
  it.each(cases)('%s', (_name, operation, params, expected) => {
    const outcome = validateInput(operation, params)
    if (expected === 'ok') {
      expect(outcome).toMatchObject({ ok: true })
      return
    }
    expect(outcome.ok).toBe(false)
    if (!outcome.ok) expect([outcome.fault.kind, outcome.fault.param]).toEqual(expected)
  })
})

it('names the limit and the actual size in the reason', () => {
  const outcome = validateInput(updateImageInfos, image({ Title: `${'é'.repeat(64)}a` }))
  expect(outcome).toMatchObject({
    ok: false,
    fault: {
      reason: 'UpdateContent[0].Title must be at most 128 bytes in UTF-8, got 129',
      max: '128',
    },
  })
})
