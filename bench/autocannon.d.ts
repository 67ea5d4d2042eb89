// The part of autocannon 9's programmatic API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  type Options = {
    url: string
    connections: number
    duration: number
    method: string
    headers: Record<string, string>
    body: string
  }
  type Result = {
    requests: { total: number; average: number }
    latency: { p50: number; p99: number }
    duration: number
    non2xx: number
    errors: number
    timeouts: number
  }
  export default function autocannon(options: Options): Promise<Result>
}
