// The one runtime import of onnx-proto. The package is CommonJS (`module.exports = { onnx }`): bundlers
// and vitest expose `onnx` as a named export, but Node's own ESM loader, which loads vite.config and its
// plugins, only as `default.onnx`. Types come from `import type { onnx } from 'onnx-proto'` everywhere.
import * as onnxProtoModule from 'onnx-proto';
import type { onnx } from 'onnx-proto';

type OnnxNamespace = typeof onnx;
const loaded = onnxProtoModule as { onnx?: OnnxNamespace; default?: { onnx: OnnxNamespace } };

export const onnxProto: OnnxNamespace = loaded.onnx ?? loaded.default!.onnx;
