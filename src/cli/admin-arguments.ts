import type { Argv } from 'yargs'

/** `--admin-token` and `--allowed-host`, which every command serving `/__tapedeck/*` takes. */
export function adminArguments<T>(y: Argv<T>) {
  return y
    .option('admin-token', {
      type: 'string',
      describe:
        'Token required by /__tapedeck/* (or TAPEDECK_ADMIN_TOKEN); needed to bind beyond loopback',
    })
    .option('allowed-host', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'A name /__tapedeck/* answers to besides loopback and --host; repeatable',
    })
}
