/** The bytes of a base64 text (the embedded modules of scripts/build-wasm.mjs). */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * An embedded WebAssembly module's exports (base64 from scripts/build-wasm.mjs), its `abort` naming the
 * module and `memory` imported when given; null where it cannot run here (no SIMD, no shared memory).
 */
export function instantiateEmbedded<T>(base64: string, name: string, memory?: WebAssembly.Memory): T | null {
  try {
    const abort = () => {
      throw new Error(`${name} aborted`);
    };
    const module = new WebAssembly.Module(decodeBase64(base64));
    return new WebAssembly.Instance(module, { env: memory ? { memory, abort } : { abort } }).exports as T;
  } catch {
    return null;
  }
}
