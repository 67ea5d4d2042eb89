import { alibabaRpc } from './alibaba-rpc.ts'
import { huaweiApig } from './huawei-apig.ts'
import type { WireProtocol } from './protocol.ts'
import { tencentV2 } from './tencent-v2.ts'
import { tencentV3 } from './tencent-v3.ts'

/**
 * Every scheme, in routing order: the first whose `claims` accepts a request gets it. Path-bound
 * schemes come first; Alibaba RPC last, as it answers everything else at `/`.
 */
export const protocols: readonly WireProtocol[] = [tencentV2, huaweiApig, tencentV3, alibabaRpc]
