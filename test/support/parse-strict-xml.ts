import { execFileSync } from 'node:child_process'

/**
 * Parses a document with Python's expat, a strict XML 1.0 parser as the Java and .NET readers (and
 * Jenkins' JUnit reader) are: fast-xml-parser's validator and sax accept control characters XML
 * forbids, so they cannot judge that. Throws expat's message when the document is not well-formed.
 */
export function parseStrictXml(xml: string): void {
  execFileSync(
    'python3',
    ['-c', 'import sys, xml.etree.ElementTree as E; E.fromstring(sys.stdin.buffer.read())'],
    { input: xml, stdio: ['pipe', 'ignore', 'pipe'] },
  )
}
