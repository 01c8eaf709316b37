// The surface ts314's streaming codec addons (libbz2, liblzma, libzstd contexts) share through codec_stream.h.

/** One incremental codec run: output, input bytes consumed, end of stream seen, output cap hit. */
export type NativeRunResult = [output: Buffer, consumed: number, eof: boolean, limited: boolean];

/** An opaque codec state owned by the addon. */
export type NativeHandle = { readonly __nativeHandle: unique symbol };

/** The surface both addons share (src/compression/native/common/codec_stream.h). */
export interface NativeCodecAddon {
  readonly version: string;
  run(handle: NativeHandle, input: Uint8Array, finish: boolean, maxOut: number): NativeRunResult;
  runAsync(
    handle: NativeHandle,
    input: Uint8Array,
    finish: boolean,
    maxOut: number,
    callback: (error: (Error & { code?: string }) | null, result: NativeRunResult | undefined) => void,
  ): void;
}
