/** Calls the admin API with the token this tab was given, if any; a 401 asks for one. */
export type Api = (path: string, init?: RequestInit) => Promise<Response>

const KEY = 'tapedeck-admin-token'

export function createApi(askToken: () => void): Api {
  return async (path, init = {}) => {
    const headers = new Headers(init.headers)
    const token = sessionStorage.getItem(KEY)
    if (token) headers.set('authorization', `Bearer ${token}`)
    const response = await fetch(`/__tapedeck/${path}`, { ...init, headers, cache: 'no-store' })
    if (response.status === 401) {
      askToken()
      throw new Error('the admin token is missing or wrong')
    }
    return response
  }
}

export function setToken(token: string): void {
  sessionStorage.setItem(KEY, token)
}
