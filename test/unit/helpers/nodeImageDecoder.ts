// The Node image decoder for tests; it lives with the runtime since the command-line detector ships it.
export { nodeImageDecoder } from '../../../workers/runtime/nodeImageDecoder';
