import { operations } from '../catalog/index.ts'
import { DEFAULT_CREDENTIALS } from '../simulator/index.ts'

export type BannerOptions = {
  url: string
  auth: 'on' | 'off'
  profile: string
  seedSource: string | undefined
  /** Whether the admin API requires a token (the token itself is never printed). */
  adminToken?: boolean
}

/** The start-up banner: where to send requests, with which credentials, and how to point each SDK. */
export function renderBanner({
  url,
  auth,
  profile,
  seedSource,
  adminToken,
}: BannerOptions): string {
  const { alibaba, tencent, huawei } = DEFAULT_CREDENTIALS
  const hostPort = url.replace(/^https?:\/\//, '')
  const lines = [
    `tapedeck simulator listening on ${url}`,
    `  state: ${seedSource ?? 'built-in defaults'} · response profile: ${profile} · signatures: ${auth === 'on' ? 'checked' : 'NOT CHECKED'}`,
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
    `    @alicloud/openapi-client   new Config({ endpoint: '${hostPort}', protocol: 'http', ... })`,
    `    tencentcloud-sdk-nodejs    profile: { httpProfile: { endpoint: '${hostPort}', protocol: 'http://' } }`,
    `    qcloudapi-sdk              new QcloudApi({ host: '${hostPort}', protocol: 'http', ... })`,
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
