import { expect, it } from 'vitest'
import { listLimits } from './list-limits.ts'
import { modifyImageAttribute } from './modify-image-attribute.ts'
import { modifyImageAttributes } from './modify-image-attributes.ts'
import { updateMediaInfo } from './update-media-info.ts'
import { updateVideoInfos } from './update-video-infos.ts'

const rows = (input: Parameters<typeof listLimits>[0]) =>
  listLimits(input).map(
    ({ param, limits, source }) => `${param} ${JSON.stringify(limits)} ← ${source}`,
  )

it('lists every enforced UpdateVideoInfos limit with its source, item fields included', () => {
  expect(rows(updateVideoInfos.input)).toMatchInlineSnapshot(`
    [
      "UpdateContent {"maxItems":20} ← seed 001",
      "UpdateContent[].ReferenceId {"pattern":"6 to 64 characters of [A-Za-z0-9_-]"} ← seed 001",
      "UpdateContent[].Tags {"maxTags":16,"maxTagBytes":32} ← seed 001",
    ]
  `)
})

it('lists every enforced UpdateMediaInfo limit with its source', () => {
  expect(rows(updateMediaInfo.input)).toMatchInlineSnapshot(`
    [
      "Title {"maxBytes":128} ← seed 002",
      "Description {"maxBytes":1024} ← seed 002",
      "Category {"maxBytes":64} ← seed 002",
      "MediaTags {"maxTags":16,"maxTagBytes":32} ← seed 002",
      "CoverURL {"maxBytes":128} ← seed 002",
      "UserData {"maxBytes":1024} ← seed 002",
      "ReferenceId {"pattern":"6 to 64 characters of [A-Za-z0-9_-]"} ← seed 002",
    ]
  `)
})

it('lists the Tencent limits with their sources, 2.0 and 3.0', () => {
  expect(rows(modifyImageAttributes.input)).toMatchInlineSnapshot(`
    [
      "imageName {"pattern":"1 to 16 characters of letters, digits and \\"-\\""} ← seed 003",
      "imageDescription {"pattern":"0 to 64 characters of CJK, letters, digits, \\"-\\" and \\"_\\""} ← protocols.md §5.2",
    ]
  `)
  expect(rows(modifyImageAttribute.input)).toMatchInlineSnapshot(`
    [
      "ImageId {"pattern":"like img-xxxxxxxx"} ← inferred",
      "ImageName {"maxChars":20,"minChars":1} ← protocols.md §6",
      "ImageDescription {"maxChars":60} ← protocols.md §6",
      "ImageFamily {"maxChars":50} ← inferred",
    ]
  `)
})

it('lists nothing for a schema that is not an object', () => {
  expect(listLimits(updateVideoInfos.input.shape.UpdateContent)).toEqual([])
})
