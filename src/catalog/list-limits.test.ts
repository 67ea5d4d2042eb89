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
      "UpdateContent[].ReferenceId {"charset":{"chars":"A-Za-z0-9_-","minChars":6,"maxChars":64}} ← seed 001",
      "UpdateContent[].Tags {"maxTags":16,"maxTagBytes":32} ← seed 001",
      "UpdateContent[].CateId {"type":"Long"} ← seed 001",
      "UpdateContent[].VideoId or UpdateContent[].ReferenceId {"oneRequired":["VideoId","ReferenceId"]} ← protocols.md §3",
    ]
  `)
})

it('lists every enforced UpdateMediaInfo limit with its source', () => {
  expect(rows(updateMediaInfo.input)).toMatchInlineSnapshot(`
    [
      "BusinessType {"oneOf":["subtitles","watermark","opening","ending","general","video"]} ← seed 002",
      "Title {"maxBytes":128} ← seed 002",
      "Description {"maxBytes":1024} ← seed 002",
      "Category {"maxBytes":64} ← seed 002",
      "MediaTags {"maxTags":16,"maxTagBytes":32} ← seed 002",
      "CoverURL {"maxBytes":128} ← seed 002",
      "UserData {"maxBytes":1024} ← seed 002",
      "AppendTags {"type":"boolean"} ← seed 002",
      "CateId {"type":"Long"} ← protocols.md §4",
      "ReferenceId {"charset":{"chars":"A-Za-z0-9_-","minChars":6,"maxChars":64}} ← seed 002",
      "MediaId or InputURL {"oneRequired":["MediaId","InputURL"]} ← seed 002",
    ]
  `)
})

it('lists the Tencent limits with their sources, 2.0 and 3.0', () => {
  expect(rows(modifyImageAttributes.input)).toMatchInlineSnapshot(`
    [
      "imageName {"charset":{"chars":"A-Za-z0-9-","minChars":1,"maxChars":16,"orEmpty":true}} ← seed 003",
      "imageDescription {"charset":{"chars":"\\\\p{Script=Han}A-Za-z0-9_-","minChars":0,"maxChars":64}} ← protocols.md §5.2",
    ]
  `)
  expect(rows(modifyImageAttribute.input)).toMatchInlineSnapshot(`
    [
      "ImageId {"charset":{"prefix":"img-","chars":"a-z0-9","minChars":8,"maxChars":8,"fault":"MalformedId"}} ← inferred",
      "ImageName {"maxChars":20} ← protocols.md §6",
      "ImageDescription {"maxChars":60} ← protocols.md §6",
      "ImageDeprecated {"type":"boolean"} ← protocols.md §6",
    ]
  `)
})

it('lists nothing for a schema that is not an object', () => {
  expect(listLimits(updateVideoInfos.input.shape.UpdateContent)).toEqual([])
})
