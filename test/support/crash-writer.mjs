// A child process for the crash-safety test: records interactions through the real tape writer
// (compiled, from dist/) as fast as it can and prints "done <title>" once each is on disk (in the
// tape's journal). `argv[3]`: `append` appends to the tape on disk (record-missing), else a new
// tape replaces it (record-all).

import { updateImageInfos } from '../../dist/catalog/index.js'
import { signCall, testCredentials } from '../../dist/client/index.js'
import { createTapeWriter } from '../../dist/record/index.js'
import { createTape } from '../../dist/tapes/index.js'

const [file, base = 'replace', prefix = 't'] = process.argv.slice(2)
const writer = createTapeWriter({
  file,
  ...(base === 'append'
    ? { base: 'append' }
    : { base: 'replace', tape: createTape(Date.now(), 'https://vod.cn-shanghai.aliyuncs.com') }),
  origin: 'https://vod.cn-shanghai.aliyuncs.com',
})
const response = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"RequestId":"R","NonExistImageIds":{"ImageId":[]}}',
}
for (let i = 0; ; i++) {
  const title = `${prefix}${i}`
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
