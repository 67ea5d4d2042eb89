import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect, it } from 'vitest'
import { readXml, renderXml } from './render-xml.ts'

const parse = (xml: string) =>
  new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false }).parse(xml)

it('renders a vendor envelope byte for byte as the vendors send it: declaration, no whitespace, lists repeated', () => {
  expect(
    renderXml({
      UpdateImageInfosResponse: {
        RequestId: 'R-1',
        NonExistImageIds: { ImageId: ['a', 'b'] },
        Flat: ['x', 'y'],
        None: [],
        Wrapped: { ImageId: [] },
        Empty: '',
        Count: 2,
      },
    }),
  ).toBe(
    '<?xml version="1.0" encoding="UTF-8"?><UpdateImageInfosResponse><RequestId>R-1</RequestId>' +
      '<NonExistImageIds><ImageId>a</ImageId><ImageId>b</ImageId></NonExistImageIds>' +
      '<Flat>x</Flat><Flat>y</Flat><Wrapped></Wrapped><Empty></Empty><Count>2</Count></UpdateImageInfosResponse>',
  )
})

it('escapes quotes, apostrophes, <, > and & in text and attributes, and reads them back exactly', () => {
  const text = `say "hi" & it's <b>fine</b>`
  const xml = renderXml({ R: { '@_name': text, M: text } })
  expect(xml).toContain(
    '<R name="say &quot;hi&quot; &amp; it&apos;s &lt;b&gt;fine&lt;/b&gt;"><M>say &quot;hi&quot; &amp; it&apos;s &lt;b&gt;fine&lt;/b&gt;</M></R>',
  )
  expect(XMLValidator.validate(xml)).toBe(true)
  expect(parse(xml).R).toEqual({ '@_name': text, M: text })
})

it('turns each character XML 1.0 forbids into U+FFFD, keeping tab, newlines and astral characters', () => {
  const forbidden = [
    ...Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).filter(
      (c) => !'\t\n\r'.includes(c),
    ),
    // Lone surrogates, kept apart so they do not pair.
    '\ud800',
    '\ufffe',
    '\udfff',
    '\uffff',
  ]
  const text = `a${forbidden.join('')}\tb\nc 🎞 é`
  const xml = renderXml({ R: { '@_v': text, M: text } })
  expect(XMLValidator.validate(xml)).toBe(true)
  const safe = `a${'\ufffd'.repeat(forbidden.length)}\tb\nc 🎞 é`
  expect(parse(xml).R.M).toBe(safe)
  expect(xml).toContain(`v="${safe}"`)
})

it('keeps an attribute whose value is "true" as an attribute with a value', () => {
  const xml = renderXml({ testcase: { '@_name': 'true' } }, { indent: true })
  expect(XMLValidator.validate(xml)).toBe(true)
  expect(xml).toContain('<testcase name="true"/>')
})

it('reads a rendered document back to what renders the same bytes', () => {
  const xml = renderXml({
    Error: { RequestId: '007', Message: ` "<&>' `, Recommend: 'https://x/?q=A&b=1', Empty: '' },
  })
  expect(renderXml(readXml(xml))).toBe(xml)
})
