import type { Outcome, Principal } from '../protocols/index.ts'
import type { Store } from './create-store.ts'

/** What an operation's semantics see: the state, who calls, and values bound by the path. */
export type ExecuteContext = {
  store: Store
  principal: Principal
  scope: Readonly<Record<string, string>>
}

/** An operation's semantics: validated input in, a result or a fault out. Runs synchronously, so
 * each call is atomic with respect to every other. */
export type Executor<Input = unknown> = (input: Input, ctx: ExecuteContext) => Outcome
