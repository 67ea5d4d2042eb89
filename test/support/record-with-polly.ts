import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import NodeHttpAdapter from '@pollyjs/adapter-node-http'
import { Polly } from '@pollyjs/core'
import FSPersister from '@pollyjs/persister-fs'
import type { Outcome, outcomeOf } from './fixture-sessions.ts'

type Call = Parameters<typeof outcomeOf>[0]

/**
 * A real Polly.JS recording (`@pollyjs/persister-fs`, node-http adapter) of `calls` made against the
 * server at `url`, written under `dir/polly`. Returns the recording's file and each call's outcome
 * as the SDK saw it.
 */
export async function recordWithPolly(
  name: string,
  dir: string,
  calls: readonly Call[],
  outcome: typeof outcomeOf,
  url: string,
): Promise<{ file: string; live: Outcome[] }> {
  // The types name these CJS modules' namespaces; vitest hands over their default classes.
  type Factory = Parameters<typeof Polly.register>[0]
  Polly.register(NodeHttpAdapter as unknown as Factory)
  Polly.register(FSPersister as unknown as Factory)
  const polly = new Polly(name, {
    adapters: ['node-http'],
    persister: 'fs',
    persisterOptions: { fs: { recordingsDir: join(dir, 'polly') } },
    mode: 'record',
    recordFailedRequests: true,
    logLevel: 'silent',
  })
  const live: Outcome[] = []
  try {
    for (const call of calls) live.push(await outcome(call, url))
  } finally {
    await polly.stop()
  }
  const [folder] = readdirSync(join(dir, 'polly'))
  return { file: join(dir, 'polly', folder!, 'recording.har'), live }
}
