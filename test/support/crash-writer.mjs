// A child process for the crash-safety test: records interactions through the real tape writer
// (compiled, from dist/) as fast as it can and prints "done <title>" once each is on disk.

import { updateImageInfos } from '../../dist/catalog/index.js'
import { signCall, testCredentials } from '../../dist/client/index.js'
import { createTapeWriter } from '../../dist/record/index.js'
import { createTape } from '../../dist/tapes/index.js'

const file = process.argv[2]
const writer = createTapeWriter({
  file,
  tape: createTape(Date.now(), 'https://vod.cn-shanghai.aliyuncs.com'),
  origin: 'https://vod.cn-shanghai.aliyuncs.com',
})
const response = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"RequestId":"R","NonExistImageIds":{"ImageId":[]}}',
}
for (let i = 0; ; i++) {
  const title = `t${i}`
  const request = signCall(
    { endpoint: 'http://127.0.0.1:1', credentials: testCredentials() },
    updateImageInfos,
    {
      UpdateContent: JSON.stringify([{ ImageId: 'vod-image-01', Title: title }]),
    },
  )
  await writer.record(request, response, 1)
  process.stdout.write(`done ${title}\n`)
}
