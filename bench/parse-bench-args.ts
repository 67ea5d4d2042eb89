import { parseArgs } from 'node:util'
import type { Generator } from './load.ts'

export type BenchOptions = {
  quick: boolean
  rounds: number
  seconds: number
  warmupSeconds: number
  connections: number
  /** Forced load generator; by default wrk when installed, else autocannon. */
  generator: Generator | undefined
  /** Target ids to run (the floor always runs); all when undefined. */
  only: string[] | undefined
  replaySizes: number[]
  /** Interactions the recording measurement sends through `tapedeck record` (`--only record`). */
  recordCount: number
  /** `--help`: print the usage and run nothing. */
  help: boolean
}

/** The options `npm run bench` takes, as its `--help` and its one-line mistakes show them. */
export const BENCH_USAGE =
  'usage: npm run bench -- [--quick] [--rounds N] [--seconds N] [--warmup N] [--connections N] [--generator wrk|autocannon] [--only id,id] [--record-count N] [--help]'

/**
 * Reads `npm run bench -- [--quick] [--rounds N] [--seconds N] [--warmup N] [--connections N]
 * [--generator wrk|autocannon] [--only id,id] [--record-count N]`. By default 5 rounds of 3 s (each
 * after a 3 s floor burst) after a 3 s warm-up, and 100,000 recorded interactions; `--quick` is 2
 * rounds of 2 s after a 1 s warm-up, and 5,000 recorded interactions.
 */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = readArgs(argv)
  const quick = values.quick ?? false
  const count = (name: string, raw: string | undefined, fallback: number) => {
    if (raw === undefined) return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < 1)
      throw new TypeError(`Failed to read --${name}: expected a positive integer, got "${raw}"`)
    return value
  }
  const generator = values.generator
  if (generator !== undefined && generator !== 'wrk' && generator !== 'autocannon')
    throw new TypeError(
      `Failed to read --generator: expected wrk or autocannon, got "${generator}"`,
    )
  return {
    quick,
    rounds: count('rounds', values.rounds, quick ? 2 : 5),
    seconds: count('seconds', values.seconds, quick ? 2 : 3),
    warmupSeconds: count('warmup', values.warmup, quick ? 1 : 3),
    connections: count('connections', values.connections, 50),
    generator,
    only: values.only?.split(',').map((id) => id.trim()),
    replaySizes: [10, 1_000, 100_000],
    recordCount: count('record-count', values['record-count'], quick ? 5_000 : 100_000),
    help: values.help ?? false,
  }
}

/** `node:util` parseArgs, its refusal of an unknown option or a missing value said as ours. */
function readArgs(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        help: { type: 'boolean', default: false },
        quick: { type: 'boolean', default: false },
        rounds: { type: 'string' },
        seconds: { type: 'string' },
        warmup: { type: 'string' },
        connections: { type: 'string' },
        generator: { type: 'string' },
        only: { type: 'string' },
        'record-count': { type: 'string' },
      },
      strict: true,
    })
  } catch (error) {
    throw new TypeError(`Failed to read the options: ${(error as Error).message}`)
  }
}
