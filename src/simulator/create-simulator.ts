import { fault, type OperationDefinition } from '../catalog/index.ts'
import type { CredentialKind, KeyEntry, KeyRing, Outcome, Principal } from '../protocols/index.ts'
import { createStore, type Store } from './create-store.ts'
import { createDefaultState } from './default-seed.ts'
import type { Executor } from './execute-context.ts'
import { executors } from './executors.ts'
import { FAULT_TARGETS, type FaultInjection } from './fault-injection-schema.ts'
import { parseState, type SimulatorState } from './state-schema.ts'

/** Runs operations; the simulator is one engine, replay (tapes) another. */
export type Engine = {
  execute(
    operation: OperationDefinition,
    input: unknown,
    call: { principal: Principal; scope: Record<string, string> },
  ): Outcome
}

export type Simulator = Engine & {
  /** Looks up credentials in the current state. */
  keys: KeyRing
  /** The first account holding a credential of a kind (who acts when `--auth off` gets no key). */
  defaultAccount(kind: CredentialKind): Principal | undefined
  /** A deep copy of the current state. */
  getState(): SimulatorState
  /** Replaces the whole state after validating it; an invalid document changes nothing. */
  putState(document: unknown, source?: string): void
  /** Back to the seed the simulator was created with. */
  reset(): void
  /** The current fault injection (the same object until the state is replaced). */
  faultInjection(): FaultInjection | undefined
  /** Replaces the fault injection, validated; `undefined` turns it off. */
  setFaultInjection(document: unknown): void
}

export type SimulatorOptions = {
  /** The seed state; the built-in default when absent. Validated here. */
  seed?: unknown
  seedSource?: string
  /**
   * Semantics of operations beyond the catalogue's (an added scheme's), by operation id; each keeps
   * its own state.
   */
  executors?: Readonly<Record<string, Executor>>
  /** Credentials of kinds the state does not hold (an added scheme's), looked up after the state's. */
  keys?: KeyRing
}

/** Creates a stateful simulator of every catalogue operation. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  // Fault injection may name the catalogue's operations and those added to the simulator.
  const targets = [...FAULT_TARGETS, ...Object.keys(options.executors ?? {})]
  const seed =
    options.seed === undefined
      ? createDefaultState()
      : parseState(options.seed, options.seedSource ?? 'seed', targets)
  const seedJson = JSON.stringify(seed)
  let store: Store = createStore(structuredClone(seed))
  let keyIndex = indexKeys(store.state)

  const load = (state: SimulatorState) => {
    store = createStore(state)
    keyIndex = indexKeys(state)
  }

  return {
    keys: (kind, keyId) => keyIndex.get(`${kind}\u0000${keyId}`) ?? options.keys?.(kind, keyId),
    defaultAccount(kind) {
      for (const [key, entry] of keyIndex) {
        if (key.startsWith(`${kind}\u0000`))
          return { keyId: key.slice(kind.length + 1), account: entry.account, ...project(entry) }
      }
      return undefined
    },
    execute(operation, input, call) {
      const executor =
        executors[operation.id as keyof typeof executors] ?? options.executors?.[operation.id]
      if (!executor)
        return { ok: false, fault: fault('UnknownAction', { reason: operation.action }) }
      return executor(input, { store, principal: call.principal, scope: call.scope })
    },
    getState: () => structuredClone(store.state),
    putState(document, source = 'PUT /__tapedeck/state') {
      load(parseState(document, source, targets))
    },
    reset() {
      load(JSON.parse(seedJson) as SimulatorState)
    },
    faultInjection: () => store.state.faultInjection,
    setFaultInjection(document) {
      const { faultInjection: _, ...rest } = structuredClone(store.state)
      load(
        parseState(
          document === undefined ? rest : { ...rest, faultInjection: document },
          'PUT /__tapedeck/faults',
          targets,
        ),
      )
    },
  }
}

function project(entry: KeyEntry): { project?: string } {
  return entry.project === undefined ? {} : { project: entry.project }
}

function indexKeys(state: SimulatorState): Map<string, KeyEntry> {
  const keys = new Map<string, KeyEntry>()
  const add = (kind: CredentialKind, id: string, entry: KeyEntry) =>
    keys.set(`${kind}\u0000${id}`, entry)
  const { alibaba, tencent, huaweiAksk, huaweiTokens } = state.credentials
  for (const c of alibaba)
    add('alibaba', c.accessKeyId, {
      secret: c.accessKeySecret,
      account: c.account,
      ...(c.securityToken === undefined ? {} : { securityToken: c.securityToken }),
      ...(c.expiration === undefined ? {} : { expiresAtMs: Date.parse(c.expiration) }),
    })
  for (const c of tencent) add('tencent', c.secretId, { secret: c.secretKey, account: c.account })
  for (const c of huaweiAksk)
    add('huawei-aksk', c.ak, { secret: c.sk, account: c.account, project: c.project })
  for (const c of huaweiTokens)
    add('huawei-token', c.token, { account: c.account, project: c.project })
  return keys
}
