import { expect } from 'vitest'

/**
 * Checks that each admin path under `url` refuses a request without the token (401), and that
 * `allowed` answers 200 with it.
 */
export async function expectAdminToken(
  url: string,
  paths: readonly string[],
  { token, allowed }: { token: string; allowed: string },
): Promise<void> {
  for (const path of paths) {
    const refused = await fetch(`${url}/__tapedeck/${path}`)
    expect([path, refused.status]).toEqual([path, 401])
  }
  const answered = await fetch(`${url}/__tapedeck/${allowed}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(answered.status).toBe(200)
}
