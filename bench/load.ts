import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LoadRequest } from './bench-request.ts'
import type { Sample } from './stats.ts'

/** `wrk` (apt, C, epoll) when installed; `autocannon` (npm, Node) otherwise. */
export type Generator = 'wrk' | 'autocannon'

export type LoadOptions = {
  generator: Generator
  port: number
  request: LoadRequest
  seconds: number
  connections: number
  /** The core the generator runs on (taskset), or undefined without taskset. */
  core: string | undefined
  /** Where the wrk script is written. */
  workDir: string
  /** The compiled autocannon runner. */
  autocannonRunner: string
}

const MARKER = 'BENCH_JSON '

/**
 * The wrk Lua script for `request`: method, headers and body, and a `done` hook that prints the
 * summary as one JSON line (latencies in microseconds). Values are ASCII, so a JSON string literal
 * is a valid Lua string literal.
 */
export function renderWrkScript(request: LoadRequest): string {
  const lua = (value: string) => {
    if (!/^[\x20-\x7e]*$/.test(value)) throw new TypeError(`Failed to quote "${value}" for Lua`)
    return JSON.stringify(value)
  }
  const headers = Object.entries(request.headers)
    .filter(([name]) => name !== 'content-length')
    // wrk keeps its own `Host` entry: overwrite that one rather than send the header twice.
    .map(([name, value]) => `wrk.headers[${lua(name === 'host' ? 'Host' : name)}] = ${lua(value)}`)
  return [
    `wrk.method = ${lua(request.method)}`,
    `wrk.path = ${lua(request.path)}`,
    `wrk.body = ${lua(request.body)}`,
    ...headers,
    'done = function(summary, latency, requests)',
    '  local e = summary.errors',
    `  io.write(string.format('${MARKER}{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"non2xx":%d,"errors":%d}\\n',`,
    '    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),',
    '    e.status, e.connect + e.read + e.write + e.timeout))',
    'end',
    '',
  ].join('\n')
}

/** Reads the generator's JSON line into a sample. */
export function parseLoadOutput(output: string): Sample {
  const line = output.split('\n').find((candidate) => candidate.startsWith(MARKER))
  if (!line) throw new Error(`Failed to read the load generator's result: ${output.slice(-400)}`)
  const raw = JSON.parse(line.slice(MARKER.length)) as {
    requests: number
    durationUs: number
    p50Us: number
    p99Us: number
    non2xx: number
    errors: number
  }
  return {
    requestsPerSecond: raw.requests / (raw.durationUs / 1e6),
    p50Ms: raw.p50Us / 1000,
    p99Ms: raw.p99Us / 1000,
    non2xx: raw.non2xx,
    errors: raw.errors,
  }
}

/** Runs one bounded burst of load against 127.0.0.1:port and returns what it measured. */
export function runLoad(options: LoadOptions): Promise<Sample> {
  const url = `http://127.0.0.1:${options.port}${options.request.path}`
  let command: string
  let args: string[]
  if (options.generator === 'wrk') {
    const script = join(options.workDir, `wrk-${options.port}.lua`)
    writeFileSync(script, renderWrkScript(options.request))
    command = 'wrk'
    args = [
      '-t1',
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      '--timeout',
      '5s',
      '-s',
      script,
      url,
    ]
  } else {
    command = process.execPath
    args = [
      options.autocannonRunner,
      JSON.stringify({
        url,
        connections: options.connections,
        seconds: options.seconds,
        request: options.request,
      }),
    ]
  }
  if (options.core !== undefined) {
    args = ['-c', options.core, command, ...args]
    command = 'taskset'
  }
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: (options.seconds + 30) * 1000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`Failed to run ${options.generator}: ${error.message} ${stderr}`))
        else {
          try {
            resolve(parseLoadOutput(stdout))
          } catch (parseError) {
            reject(parseError)
          }
        }
      },
    )
  })
}
