/* ts314_zstd: the N-API binding of ts314/compression/zstd over the vendored libzstd. This file registers the
 * surface; the concepts live beside it: one_shot.c (sync and libuv-pool one-shot), stream.c (streaming
 * contexts through ../common/codec_stream.h), dict.c and train.c (dictionaries), inspect.c (frames,
 * bounds), errors.c and marshal.c (N-API glue), context.c (parameters and dictionary on a context). */
#include "zstd_addon.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

static void set_int(napi_env env, napi_value obj, const char *name, int32_t value) {
  napi_value v;
  napi_create_int32(env, value, &v);
  napi_set_named_property(env, obj, name, v);
}

/* Every one-shot result is a fresh Buffer of about the input's size. With glibc's default 128 KiB trim
 * threshold, freeing such a buffer hands its pages back to the kernel and the next one faults them in
 * again: measured, that halves decompression speed for 100 KiB payloads. We set the thresholds glibc's
 * own dynamic heuristic converges to once a large buffer has been freed (mmap 32 MiB, trim 2× that),
 * since setting one disables that heuristic. Cost: up to 64 MiB of freed heap may stay mapped.
 * A user's own MALLOC_*_THRESHOLD_ or GLIBC_TUNABLES setting wins. */
static void tune_allocator(void) {
#if defined(__GLIBC__) && defined(M_TRIM_THRESHOLD) && defined(M_MMAP_THRESHOLD)
  static int done = 0;
  if (done) return;
  done = 1;
  const char *tunables = getenv("GLIBC_TUNABLES");
  if (getenv("MALLOC_TRIM_THRESHOLD_") || getenv("MALLOC_MMAP_THRESHOLD_") ||
      (tunables && (strstr(tunables, "trim_threshold") || strstr(tunables, "mmap_threshold"))))
    return;
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
}

NAPI_MODULE_INIT() {
  tune_allocator();
  if (!one_shot_init(env)) return NULL;
  napi_property_descriptor fns[] = {
      {"compress", NULL, js_compress, NULL, NULL, NULL, napi_default, NULL},
      {"decompress", NULL, js_decompress, NULL, NULL, NULL, napi_default, NULL},
      {"decompressInto", NULL, js_decompress_into, NULL, NULL, NULL, napi_default, NULL},
      {"compressAsync", NULL, js_compress_async, NULL, NULL, NULL, napi_default, NULL},
      {"decompressAsync", NULL, js_decompress_async, NULL, NULL, NULL, napi_default, NULL},
      {"cctxCreate", NULL, js_cctx_create, NULL, NULL, NULL, napi_default, NULL},
      {"cctxSetPledgedSize", NULL, js_cctx_set_pledged, NULL, NULL, NULL, napi_default, NULL},
      {"dctxCreate", NULL, js_dctx_create, NULL, NULL, NULL, napi_default, NULL},
      {"configure", NULL, js_stream_configure, NULL, NULL, NULL, napi_default, NULL},
      {"setDict", NULL, js_stream_set_dict, NULL, NULL, NULL, napi_default, NULL},
      {"reset", NULL, js_stream_reset, NULL, NULL, NULL, napi_default, NULL},
      {"run", NULL, js_stream_run, NULL, NULL, NULL, napi_default, NULL},
      {"runAsync", NULL, js_stream_run_async, NULL, NULL, NULL, napi_default, NULL},
      {"createCDict", NULL, js_create_cdict, NULL, NULL, NULL, napi_default, NULL},
      {"createDDict", NULL, js_create_ddict, NULL, NULL, NULL, napi_default, NULL},
      {"dictId", NULL, js_dict_id, NULL, NULL, NULL, napi_default, NULL},
      {"trainDict", NULL, js_train_dict, NULL, NULL, NULL, napi_default, NULL},
      {"finalizeDict", NULL, js_finalize_dict, NULL, NULL, NULL, napi_default, NULL},
      {"frameInfo", NULL, js_frame_info, NULL, NULL, NULL, napi_default, NULL},
      {"frameSize", NULL, js_frame_size, NULL, NULL, NULL, napi_default, NULL},
      {"paramBounds", NULL, js_param_bounds, NULL, NULL, NULL, napi_default, NULL},
      {"errorName", NULL, js_error_name, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof fns / sizeof fns[0], fns);
  napi_value v;
  napi_create_string_utf8(env, ZSTD_versionString(), NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, exports, "versionString", v);
  set_int(env, exports, "versionNumber", (int32_t)ZSTD_versionNumber());
  set_int(env, exports, "minLevel", ZSTD_minCLevel());
  set_int(env, exports, "maxLevel", ZSTD_maxCLevel());
  set_int(env, exports, "defaultLevel", ZSTD_defaultCLevel());
  return exports;
}
