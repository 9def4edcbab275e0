// The one onnxruntime-web entry point of the project. The default entry bundles the CPU (wasm)
// and WebGPU backends and resolves to the same wasm under Node, so tests run the shipped runtime.
// Import ORT only from here: a second entry point would ship a second 14–28 MB wasm.
import * as ort from 'onnxruntime-web';

export { ort };
