/**
 * The four modes, one closed set (nock back's `lockdown`, `record`, `update` and `wild`):
 *
 * | mode             | a recorded request        | a request not on the tape                    | writes        |
 * |------------------|---------------------------|----------------------------------------------|---------------|
 * | `replay`         | the recorded response     | vendor error envelope + near-miss report     | never         |
 * | `record-missing` | the recorded response     | forwarded to the upstream, appended          | misses        |
 * | `record-all`     | forwarded, recorded anew  | forwarded, recorded                          | every call    |
 * | `passthrough`    | forwarded                 | forwarded                                    | never         |
 */
export const REPLAY_MODES = ['replay', 'record-missing', 'record-all', 'passthrough'] as const

export type ReplayMode = (typeof REPLAY_MODES)[number]

/** What a mode does with one request, given whether the tape has it. */
export type ModeAction = 'serve' | 'miss' | 'forward-and-record' | 'forward'

/** The table above as a function: an exhaustive switch, so a new mode must say what it does. */
export function actionFor(mode: ReplayMode, recorded: boolean): ModeAction {
  switch (mode) {
    case 'replay':
      return recorded ? 'serve' : 'miss'
    case 'record-missing':
      return recorded ? 'serve' : 'forward-and-record'
    case 'record-all':
      return 'forward-and-record'
    case 'passthrough':
      return 'forward'
    default: {
      const never: never = mode
      throw new Error(`unknown mode ${String(never)}`)
    }
  }
}

/** Whether a mode may reach the network (replay never does). */
export function needsUpstream(mode: ReplayMode): boolean {
  return mode !== 'replay'
}
