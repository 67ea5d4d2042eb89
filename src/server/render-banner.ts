import { operations } from '../catalog/index.ts'
import { DEFAULT_CREDENTIALS } from '../simulator/index.ts'
import { renderTlsHint, type TlsSource } from '../tls/index.ts'
import { ADMIN_PREFIX } from './admin-api.ts'

export type BannerOptions = {
  url: string
  auth: 'on' | 'off'
  profile: string
  seedSource: string | undefined
  /** Whether the admin API requires a token (the token itself is never printed). */
  adminToken?: boolean
  /** With TLS: the generated CA's path, or the certificate file given. */
  tls?: TlsSource
}

/** The start-up banner: where to send requests, with which credentials, and how to point each SDK. */
export function renderBanner({
  url,
  auth,
  profile,
  seedSource,
  adminToken,
  tls,
}: BannerOptions): string {
  const { alibaba, tencent, huawei } = DEFAULT_CREDENTIALS
  const scheme = url.startsWith('https:') ? 'https' : 'http'
  const hostPort = url.replace(/^https?:\/\//, '')
  const lines = [
    `tapedeck simulator listening on ${url}`,
    `  state: ${seedSource ?? 'built-in defaults'} · response profile: ${profile} · signatures: ${auth === 'on' ? 'checked' : 'NOT CHECKED'}`,
    ...(tls ? renderTlsHint(tls, `${url}${ADMIN_PREFIX}health`) : []),
    '',
    '  operations:',
    ...operations.map(
      (op) =>
        `    ${op.id.padEnd(40)} ${op.http ? `${op.http.method} ${op.http.path}` : op.protocol}`,
    ),
    '',
    ...(seedSource
      ? ['  credentials: from the seed file']
      : [
          '  credentials (built-in test keys):',
          `    Alibaba  AccessKeyId ${alibaba.accessKeyId}  AccessKeySecret ${alibaba.accessKeySecret}`,
          `    Tencent  SecretId ${tencent.secretId}  SecretKey ${tencent.secretKey}`,
          `    Huawei   X-Auth-Token ${huawei.token}  AK ${huawei.ak}  SK ${huawei.sk}  project ${huawei.project}`,
        ]),
    '',
    '  point the SDKs at it:',
    `    @alicloud/pop-core         new RPCClient({ endpoint: '${url}', apiVersion: '2017-03-21', ... })`,
    `    @alicloud/openapi-client   new Config({ endpoint: '${hostPort}', protocol: '${scheme}', ... })`,
    `    tencentcloud-sdk-nodejs    profile: { httpProfile: { endpoint: '${hostPort}', protocol: '${scheme}://' } }`,
    `    qcloudapi-sdk              new QcloudApi({ host: '${hostPort}', protocol: '${scheme}', ... })`,
    `    huaweicloud-sdk-core       new ClientBuilder(...).withEndpoint('${url}')`,
    '',
    `  admin: ${url}/__tapedeck/{health,state,reset,requests,config}${adminToken ? ' (requires the admin token: Authorization: Bearer <token>)' : ''}`,
  ]
  if (auth === 'off') {
    lines.push(
      '',
      '  !! --auth off: requests are NOT signature-checked; unsigned requests act as the first account.',
      "  !! Use this for curl only; your client's signing is not being tested.",
    )
  }
  return lines.join('\n')
}
