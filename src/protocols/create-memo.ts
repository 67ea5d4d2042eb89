/**
 * A memo table: what a scheme remembers, by name, with its bound. The table itself holds no
 * answers; a `Memo` value does, so two pipelines (two memos) never share or evict each other's.
 */
export type MemoTable<T> = {
  readonly name: string
  /** Distinct keys remembered at most: clients choose them, so the table is emptied when full. */
  readonly max: number
  /** Never called: carries the answer type. */
  readonly answer?: (answer: T) => void
}

/** Declares a memo table (a constant of the scheme that uses it). */
export function memoTable<T>(name: string, max: number): MemoTable<T> {
  return Object.freeze({ name, max })
}

/**
 * Answers of pure functions remembered across requests, one value per owner (the pipeline makes
 * one, the reference client none). Only safe for pure functions of the key: a remembered answer is
 * returned as it was computed, so answers must not be mutated (freeze them).
 */
export type Memo = {
  /** `table`'s answer for `key`, computed by `compute(key)` the first time. */
  recall<T>(table: MemoTable<T>, key: string, compute: (key: string) => T): T
}

/** A fresh, empty memo. */
export function createMemo(): Memo {
  const tables = new Map<object, Map<string, unknown>>()
  return {
    recall<T>(table: MemoTable<T>, key: string, compute: (key: string) => T): T {
      let answers = tables.get(table) as Map<string, T> | undefined
      if (!answers) {
        answers = new Map<string, T>()
        tables.set(table, answers)
      }
      const known = answers.get(key)
      if (known !== undefined || answers.has(key)) return known as T
      if (answers.size >= table.max) answers.clear()
      const answer = compute(key)
      answers.set(key, answer)
      return answer
    },
  }
}

/** `compute(key)` remembered in `memo` when there is one, computed afresh without. */
export function recall<T>(
  memo: Memo | undefined,
  table: MemoTable<T>,
  key: string,
  compute: (key: string) => T,
): T {
  return memo ? memo.recall(table, key, compute) : compute(key)
}
