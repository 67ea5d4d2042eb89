// Recording: the redacting proxy to a real upstream, and its tape writer.

export { credentialsFromEnv, credentialVariableNames, secretsOf } from '../client/index.ts'
export type { ForwarderOptions } from './create-forwarder.ts'
export { createForwarder } from './create-forwarder.ts'
export type { TapeWriter, TapeWriterOptions } from './create-tape-writer.ts'
export { createTapeWriter } from './create-tape-writer.ts'
export type { Recorder, RecorderOptions } from './start-recorder.ts'
export { startRecorder } from './start-recorder.ts'
