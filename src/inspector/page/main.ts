// The inspector page: plain DOM, no framework, everything from this server (see the CSP).
import type { Coverage, CoverageItem } from '../../coverage/index.ts'
import { STEPS } from '../../pipeline/trace.ts'
import type { InspectorHello } from '../create-event-feed.ts'
import type { RequestSummary } from '../summarize-trace.ts'
import { type Api, createApi, setToken } from './api.ts'
import { firstDifference, h, pretty, signingLines } from './dom.ts'

const main = document.getElementById('main')!
const tokenForm = document.getElementById('token-form') as HTMLFormElement
const live = document.getElementById('live')!
const api: Api = createApi(() => {
  tokenForm.hidden = false
})

/** Every request seen, newest last (the live stream appends). */
const rows: RequestSummary[] = []
/** The server's views and outcomes, from the stream's hello (serve's until it arrives). */
let server: InspectorHello = {
  server: 'serve',
  views: ['requests', 'state', 'faults', 'coverage'],
  outcomes: ['ok', ...STEPS],
}
/** Outcomes shown as fine: the request was answered as asked. */
const FINE = new Set(['ok', 'hit', 'forwarded', 'recorded'])
const filters = { operation: '', outcome: '', code: '' }
let streaming = false

tokenForm.addEventListener('submit', (event) => {
  event.preventDefault()
  setToken((document.getElementById('token') as HTMLInputElement).value)
  tokenForm.hidden = true
  streaming = false
  rows.length = 0
  void route()
})

window.addEventListener('hashchange', () => void route())
void route()

async function route(): Promise<void> {
  const hash = location.hash || '#/requests'
  const [, view = 'requests', arg] = hash.split('/')
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('active', (link as HTMLElement).dataset['view'] === view)
  }
  main.replaceChildren()
  try {
    if (!streaming) void stream()
    if (view === 'request' && arg) await showRequest(decodeURIComponent(arg))
    else if (view === 'state') await showState()
    else if (view === 'faults') await showFaults()
    else if (view === 'coverage') await showCoverage()
    else showRequests()
  } catch (error) {
    main.append(h('p', { class: 'bad' }, `Failed: ${(error as Error).message}`))
  }
}

/** Reads `/__tapedeck/events` (server-sent events over fetch, so the token goes in a header). */
async function stream(): Promise<void> {
  streaming = true
  let response: Response
  try {
    response = await api('events')
  } catch {
    streaming = false
    return
  }
  if (!response.ok || !response.body) {
    streaming = false
    return
  }
  live.textContent = 'live'
  live.className = 'ok'
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    buffer += value
    let end = buffer.indexOf('\n\n')
    while (end >= 0) {
      const lines = buffer.slice(0, end).split('\n')
      buffer = buffer.slice(end + 2)
      const data = lines
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n')
      if (lines.includes('event: hello')) onHello(JSON.parse(data) as InspectorHello)
      else if (data) onRequest(JSON.parse(data) as RequestSummary)
      end = buffer.indexOf('\n\n')
    }
  }
  live.textContent = 'offline'
  live.className = 'muted'
  streaming = false
}

/** Hides the views this server does not have (a replay server has no state, faults or coverage). */
function onHello(hello: InspectorHello): void {
  server = hello
  document.body.dataset['server'] = hello.server
  for (const link of document.querySelectorAll<HTMLElement>('nav a')) {
    link.hidden = !hello.views.includes(link.dataset['view'] ?? '')
  }
  const outcome = document.getElementById('filter-outcome')
  outcome?.replaceChildren(
    h('option', { value: '' }, 'any outcome'),
    ...hello.outcomes.map((value) => h('option', { value }, value)),
  )
  const view = (location.hash || '#/requests').split('/')[1] ?? 'requests'
  if (view !== 'request' && !hello.views.includes(view)) location.hash = '#/requests'
}

function onRequest(row: RequestSummary): void {
  rows.push(row)
  const body = document.getElementById('requests-body')
  if (body && matches(row)) body.prepend(requestRow(row))
  const count = document.getElementById('request-count')
  if (count) count.textContent = String(rows.length)
}

function matches(row: RequestSummary): boolean {
  if (filters.operation && row.operation !== filters.operation) return false
  if (filters.outcome && row.outcome !== filters.outcome) return false
  if (filters.code && !(row.code ?? '').toLowerCase().includes(filters.code.toLowerCase()))
    return false
  return true
}

function requestRow(row: RequestSummary): HTMLElement {
  return h(
    'tr',
    {
      class: 'row',
      'data-id': row.id,
      onclick: () => {
        location.hash = `#/request/${encodeURIComponent(row.id)}`
      },
    },
    h('td', {}, row.at.slice(11, 23)),
    h('td', {}, row.method),
    h('td', {}, row.operation ?? row.path),
    h('td', {}, [row.protocol, row.variant].filter(Boolean).join(' · ')),
    h('td', {}, row.account ?? ''),
    h('td', { class: FINE.has(row.outcome) ? 'ok' : 'bad' }, row.status ?? 'none'),
    h('td', { class: 'code' }, row.code ?? ''),
    h('td', { class: FINE.has(row.outcome) ? 'ok' : 'bad' }, row.outcome),
    h('td', {}, row.latencyMs === undefined ? '' : `${row.latencyMs} ms`),
  )
}

function showRequests(): void {
  const operations = [...new Set(rows.map((row) => row.operation).filter(Boolean))] as string[]
  const select = (name: 'operation' | 'outcome', values: string[]) =>
    h(
      'select',
      {
        id: `filter-${name}`,
        onchange: (event) => {
          filters[name] = (event.target as HTMLSelectElement).value
          showRequestsAgain()
        },
      },
      h('option', { value: '' }, `any ${name}`),
      ...values.map((value) =>
        h('option', { value, ...(filters[name] === value ? { selected: true } : {}) }, value),
      ),
    )
  const outcomes = [...server.outcomes]
  main.append(
    h('h2', {}, 'Requests ', h('span', { id: 'request-count', class: 'muted' }, rows.length)),
    h(
      'div',
      { class: 'filters' },
      select('operation', operations),
      select('outcome', outcomes),
      h('input', {
        id: 'filter-code',
        placeholder: 'vendor code',
        value: filters.code,
        oninput: (event) => {
          filters.code = (event.target as HTMLInputElement).value
          showRequestsAgain(true)
        },
      }),
      h('button', { onclick: () => void clearJournal() }, 'Clear'),
    ),
    h(
      'table',
      { id: 'requests' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[
            'time',
            'method',
            'operation',
            'scheme · variant',
            'account',
            'status',
            'code',
            'outcome',
            'latency',
          ].map((name) => h('th', {}, name)),
        ),
      ),
      h('tbody', { id: 'requests-body' }, ...rows.filter(matches).reverse().map(requestRow)),
    ),
  )
}

function showRequestsAgain(keepFocus = false): void {
  const body = document.getElementById('requests-body')
  if (!body) return
  body.replaceChildren(...rows.filter(matches).reverse().map(requestRow))
  if (!keepFocus) return
}

async function clearJournal(): Promise<void> {
  await api('requests', { method: 'DELETE' })
  rows.length = 0
  showRequestsAgain()
}

type Step = { step: string; ok: boolean; fault?: Record<string, string> }
type Detail = {
  summary: RequestSummary
  /** serve: each pipeline step's verdict. */
  trace?: { steps: Step[] }
  /** replay, on a miss: the closest recording and each canonical field that differs. */
  nearMiss?: NearMiss
  request?: {
    method: string
    path: string
    query: string
    headers: Record<string, string>
    body: string
  }
  response?: { status: number; headers: Record<string, string>; body: string }
  curl?: string
}

async function showRequest(id: string): Promise<void> {
  const response = await api(`requests/${encodeURIComponent(id)}`)
  const detail = (await response.json()) as Detail & { message?: string }
  if (!response.ok) {
    main.append(h('p', { class: 'bad' }, detail.message ?? `HTTP ${response.status}`))
    return
  }
  const { summary, trace } = detail
  main.append(
    h('p', {}, h('a', { href: '#/requests' }, '← Requests')),
    h(
      'h2',
      {},
      `${summary.method} ${summary.operation ?? summary.path} → ${summary.status ?? `no answer (${summary.outcome})`} ${summary.code ?? ''}`,
    ),
    h(
      'p',
      { class: 'muted' },
      `${summary.id} · ${summary.at} · ${[summary.protocol, summary.variant].filter(Boolean).join(' · ')} · account ${summary.account ?? '—'}${summary.latencyMs === undefined ? '' : ` · ${summary.latencyMs} ms`}`,
    ),
  )
  if (trace)
    main.append(
      h('h3', {}, 'Pipeline'),
      h(
        'ol',
        { class: 'steps', id: 'steps' },
        ...trace.steps.map((step) =>
          h(
            'li',
            { class: step.ok ? 'passed' : 'failed' },
            `${step.ok ? '✓' : '✗'} ${step.step}`,
            step.fault ? ` — ${faultText(step.fault)}` : '',
          ),
        ),
      ),
    )
  if (detail.nearMiss) main.append(nearMissView(detail.nearMiss))
  const mismatch = trace?.steps.find((step) => step.fault?.['kind'] === 'SignatureMismatch')?.fault
  if (mismatch) main.append(signatureComparison(mismatch))
  if (detail.request) {
    const request = detail.request
    main.append(
      h('h3', {}, 'Request'),
      h(
        'pre',
        { id: 'request-text' },
        `${request.method} ${request.path}${request.query ? `?${request.query}` : ''}\n${Object.entries(
          request.headers,
        )
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n')}\n\n${pretty(request.body, request.headers['content-type'])}`,
      ),
      h('h3', {}, 'Response'),
      h(
        'pre',
        { id: 'response-text' },
        detail.response
          ? `${detail.response.status}\n${Object.entries(detail.response.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join(
                '\n',
              )}\n\n${pretty(detail.response.body, detail.response.headers['content-type'])}`
          : `none: an injected ${summary.outcome} kept the answer from the client`,
      ),
      h(
        'h3',
        {},
        'Copy as curl ',
        h(
          'button',
          {
            id: 'copy-curl',
            onclick: () => void navigator.clipboard?.writeText(detail.curl ?? ''),
          },
          'Copy',
        ),
      ),
      h(
        'p',
        { class: 'muted' },
        'The signature is redacted: re-sign the request, or send it to a server started with --auth off.',
      ),
      h('pre', { id: 'curl' }, detail.curl ?? ''),
    )
  } else
    main.append(
      h(
        'p',
        { class: 'muted' },
        'The request and response bodies are kept for the most recent requests only.',
      ),
    )
}

type NearMiss = {
  closest: string | undefined
  source: string | undefined
  differences: { path: string; recorded: unknown; got: unknown }[]
}

/** Why a replay missed: the closest recording and each canonical field that differs from it. */
function nearMissView(nearMiss: NearMiss): HTMLElement {
  const show = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value))
  if (nearMiss.closest === undefined)
    return h(
      'section',
      { id: 'near-miss' },
      h('h3', {}, 'Near miss'),
      h('p', { class: 'muted' }, 'No recorded request of this operation is on the tape.'),
    )
  return h(
    'section',
    { id: 'near-miss' },
    h('h3', {}, 'Near miss'),
    h(
      'p',
      { class: 'muted' },
      `Closest recording: ${nearMiss.source ?? '?'}, ${nearMiss.differences.length} field(s) differ (canonical form: signing fields, nonces and timestamps are not compared).`,
    ),
    h(
      'table',
      { id: 'near-miss-diff' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, 'field'), h('th', {}, 'recorded'), h('th', {}, 'sent')),
      ),
      h(
        'tbody',
        {},
        ...nearMiss.differences.map((difference) =>
          h(
            'tr',
            {},
            h('td', { class: 'code' }, difference.path),
            h('td', { class: 'ok' }, show(difference.recorded)),
            h('td', { class: 'bad' }, show(difference.got)),
          ),
        ),
      ),
    ),
  )
}

function faultText(fault: Record<string, string>): string {
  const parts = [fault['kind'], fault['param'] && `param ${fault['param']}`, fault['reason']]
  return parts.filter(Boolean).join(' · ')
}

/** The server's canonical request and string to sign next to the client's (pasted), first difference marked. */
function signatureComparison(fault: Record<string, string>): HTMLElement {
  const server = [fault['canonicalRequest'], fault['stringToSign']].filter(Boolean).join('\n\n')
  const serverLines = signingLines(server)
  const serverPre = h(
    'pre',
    { id: 'server-signing' },
    ...serverLines.map((line) => h('span', { class: 'line' }, line || ' ')),
  )
  const verdict = h(
    'p',
    { id: 'signing-verdict', class: 'muted' },
    'Paste what your client signed (its SDK debug log shows the canonical request and the string to sign).',
  )
  const input = h('textarea', {
    id: 'client-signing',
    rows: '12',
    placeholder: 'canonical request and string to sign, as your client logged them',
  })
  input.addEventListener('input', () => {
    const clientLines = signingLines(input.value.replace(/\r\n/g, '\n').trim())
    const theirs = signingLines(server.trim())
    const at = firstDifference(theirs, clientLines)
    serverPre.querySelectorAll('.line').forEach((line, index) => {
      line.classList.toggle('differs', index === at)
    })
    verdict.className = at < 0 ? 'ok' : 'bad'
    verdict.textContent =
      at < 0
        ? 'Identical: both sides signed the same text, so the secret differs (or the key id names another secret).'
        : `First difference at line ${at + 1}: server "${theirs[at] ?? ''}" · client "${clientLines[at] ?? ''}"`
  })
  return h(
    'section',
    { id: 'signature' },
    h('h3', {}, 'Signature mismatch'),
    h('p', { class: 'muted' }, 'The secret is never shown; only what was signed.'),
    h(
      'div',
      { class: 'columns' },
      h('div', {}, h('h4', {}, 'Server: canonical request and string to sign'), serverPre),
      h('div', {}, h('h4', {}, 'Client'), input),
    ),
    verdict,
  )
}

async function showState(): Promise<void> {
  // Credentials stay out of the editor (they hold secrets) and are sent back unchanged on save.
  const { credentials, ...assets } = (await (await api('state')).json()) as Record<string, unknown>
  const text = h('textarea', { id: 'state-text', spellcheck: 'false' })
  text.value = JSON.stringify(assets, null, 2)
  const issues = h('ul', { class: 'issues', id: 'state-issues' })
  const status = h('span', { id: 'state-status', class: 'muted' })
  const save = async () => {
    issues.replaceChildren()
    let document: unknown
    try {
      document = JSON.parse(text.value)
    } catch (error) {
      issues.append(h('li', {}, `(document): ${(error as Error).message}`))
      return
    }
    const response = await api('state', {
      method: 'PUT',
      body: JSON.stringify({ credentials, ...(document as object) }),
      headers: { 'content-type': 'application/json' },
    })
    const answer = (await response.json()) as { issues?: string[]; message?: string }
    if (response.ok) status.textContent = 'Saved.'
    else {
      status.textContent = 'Refused: nothing changed.'
      for (const issue of answer.issues ?? [answer.message ?? `HTTP ${response.status}`])
        issues.append(h('li', {}, issue))
    }
  }
  const reset = async () => {
    await api('reset', { method: 'POST' })
    await route()
  }
  main.append(
    h('h2', {}, 'State'),
    h(
      'p',
      { class: 'muted' },
      'Assets by service and account (credentials are kept as they are and not shown). Saved as a whole through PUT /__tapedeck/state: an invalid document changes nothing and names each JSON path.',
    ),
    h(
      'div',
      { class: 'filters' },
      h('button', { id: 'state-save', onclick: () => void save() }, 'Save'),
      h('button', { id: 'state-reset', onclick: () => void reset() }, 'Reset to seed'),
      status,
    ),
    issues,
    text,
  )
}

const FAULT_FIELDS = ['latencyMs', 'throttleRate', 'errorRate', 'resetRate', 'hangRate'] as const

async function showFaults(): Promise<void> {
  const current = ((await (await api('faults')).json()) ?? { seed: 1, operations: {} }) as {
    seed: number
    operations: Record<string, Record<string, number>>
  }
  const coverage = (await (await api('coverage')).json()) as Coverage
  const ids = ['*', ...coverage.operations.map((op) => op.id)]
  const issues = h('ul', { class: 'issues', id: 'fault-issues' })
  const inputs = new Map<string, HTMLInputElement>()
  const rowsOut = ids.map((id) =>
    h(
      'tr',
      {},
      h('td', {}, id),
      ...FAULT_FIELDS.map((field) => {
        const input = h('input', {
          type: 'number',
          step: field === 'latencyMs' ? '1' : '0.05',
          min: '0',
          'data-op': id,
          'data-field': field,
        })
        const value = current.operations[id]?.[field]
        if (value !== undefined) input.value = String(value)
        inputs.set(`${id}\u0000${field}`, input)
        return h('td', {}, input)
      }),
    ),
  )
  const apply = async () => {
    issues.replaceChildren()
    const operations: Record<string, Record<string, number>> = {}
    for (const [key, input] of inputs) {
      if (input.value === '') continue
      const [id, field] = key.split('\u0000') as [string, string]
      operations[id] = { ...operations[id], [field]: Number(input.value) }
    }
    const response = await api('faults', {
      method: 'PUT',
      body: JSON.stringify({ seed: current.seed, operations }),
      headers: { 'content-type': 'application/json' },
    })
    const answer = (await response.json()) as { issues?: string[]; message?: string }
    status.textContent = response.ok ? 'Applied.' : 'Refused.'
    if (!response.ok)
      for (const issue of answer.issues ?? [answer.message ?? '']) issues.append(h('li', {}, issue))
  }
  const clear = async () => {
    await api('faults', { method: 'DELETE' })
    await route()
  }
  const status = h('span', { id: 'fault-status', class: 'muted' })
  main.append(
    h('h2', {}, 'Faults'),
    h(
      'p',
      { class: 'muted' },
      'Per operation (or * for all): added latency in ms, and the rate (0 to 1) of throttling, internal errors, connection resets and hangs. Applied through PUT /__tapedeck/faults.',
    ),
    h(
      'table',
      { id: 'faults' },
      h(
        'thead',
        {},
        h('tr', {}, h('th', {}, 'operation'), ...FAULT_FIELDS.map((field) => h('th', {}, field))),
      ),
      h('tbody', {}, ...rowsOut),
    ),
    h(
      'div',
      { class: 'filters' },
      h('button', { id: 'faults-apply', onclick: () => void apply() }, 'Apply'),
      h('button', { id: 'faults-clear', onclick: () => void clear() }, 'Clear all'),
      status,
    ),
    issues,
  )
}

async function showCoverage(): Promise<void> {
  const coverage = (await (await api('coverage')).json()) as Coverage
  const cells = (item: CoverageItem[]) =>
    item
      .filter((one) => !one.covered)
      .map((one) =>
        one.detail && !one.detail.startsWith('{') ? `${one.name} (${one.detail})` : one.name,
      )
  main.append(
    h(
      'h2',
      {},
      'Coverage ',
      h('span', { id: 'coverage-total' }, `${coverage.percent}%`),
      h(
        'span',
        { class: 'muted' },
        ` ${coverage.covered} of ${coverage.of} documented items, from ${coverage.traffic.requests} requests`,
      ),
    ),
    h(
      'p',
      {},
      ...Object.entries(coverage.categories).map(([name, tally]) =>
        h('span', { class: 'muted' }, `${name} ${tally.covered}/${tally.of}   `),
      ),
    ),
    h('button', { id: 'coverage-refresh', onclick: () => void route() }, 'Refresh'),
    ...coverage.operations.map((operation) =>
      h(
        'section',
        { class: 'operation' },
        h(
          'h3',
          {},
          `${operation.id} `,
          h(
            'span',
            { class: 'muted' },
            `${operation.covered}/${operation.of} · ${operation.requests} requests`,
          ),
        ),
        h(
          'table',
          { class: 'matrix' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'variant × format'),
              ...operation.cells.map((cell) => h('th', {}, `${cell.variant} ${cell.format}`)),
            ),
          ),
          h(
            'tbody',
            {},
            h(
              'tr',
              {},
              h('td', {}, 'requests'),
              ...operation.cells.map((cell) =>
                h('td', { class: `cell ${cell.requests ? 'covered' : 'idle'}` }, cell.requests),
              ),
            ),
            ...['success', 'error'].map((shape) =>
              h(
                'tr',
                {},
                h('td', {}, `${shape} shape`),
                ...operation.cells.map((cell) => {
                  const covered = cell.shapes.find((one) => one.name === shape)?.covered
                  return h(
                    'td',
                    { class: `cell ${covered ? 'covered' : 'uncovered'}` },
                    covered ? '✓' : '—',
                  )
                }),
              ),
            ),
          ),
        ),
        h(
          'p',
          {},
          `parameters ${operation.parameters.filter((p) => p.covered).length}/${operation.parameters.length}, limits ${operation.limits.filter((p) => p.covered).length}/${operation.limits.length}, errors ${operation.errors.filter((p) => p.covered).length}/${operation.errors.length}`,
        ),
        h(
          'p',
          { class: 'muted' },
          `not exercised: ${[...cells(operation.parameters), ...cells(operation.limits).map((n) => `limit ${n}`), ...cells(operation.errors)].join(', ') || 'nothing'}`,
        ),
      ),
    ),
  )
}
