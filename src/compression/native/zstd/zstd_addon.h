/* Shared declarations of the ts314_zstd addon's files: error kinds, argument types, dictionaries and the
 * context setup every entry point (one-shot, streaming, training, inspection) builds on. Internal only. */
#ifndef TS314_ZSTD_ADDON_H
#define TS314_ZSTD_ADDON_H

#define ZSTD_STATIC_LINKING_ONLY
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "zstd.h"
#include "zstd_errors.h"
#include "zdict.h"

/* ---------- errors (errors.c) ---------------------------------------------------------------------- */

/* Error kinds the TypeScript layer maps to ZstdError codes. */
#define KIND_ZSTD "zstd"         /* libzstd returned an error code (zstdCode set) */
#define KIND_TRUNCATED "truncated"
#define KIND_LIMIT "limit"
#define KIND_NOMEM "nomem"
#define KIND_ARG "arg"

void throw_kind(napi_env env, const char *kind, const char *msg, int zcode);
napi_value make_error(napi_env env, const char *kind, const char *msg, int zcode);
void throw_zstd(napi_env env, size_t code);

#define CHECK(call)                                                         \
  do {                                                                      \
    if ((call) != napi_ok) {                                                \
      bool pending_ = false;                                                \
      napi_is_exception_pending(env, &pending_);                            \
      if (!pending_) throw_kind(env, KIND_ARG, "ts314_zstd: N-API call failed: " #call, 0); \
      return NULL;                                                          \
    }                                                                       \
  } while (0)

/* A failure found off the JavaScript thread, reported once back on it. */
/* CPython's first output block (pycore_blocks_output_buffer.h): the room every ZstdDecompressor.decompress()
 * call, and so every frame of compression.zstd.decompress(), starts with. libzstd decodes a frame in one pass,
 * without its window buffer, only when that room holds the whole frame, and the two decoders do not reject the
 * same damage (the one-pass decoder lets a match reach back past the window); starting with the same room
 * gives CPython's output and CPython's error for every input. */
#define CPYTHON_FIRST_BLOCK ((size_t)32 * 1024)

typedef struct outcome {
  const char *kind; /* NULL on success */
  const char *msg;
  int zcode;
} outcome;

void set_zstd_err(outcome *o, size_t code);

/* ---------- arguments and Buffers (marshal.c) ------------------------------------------------------ */

typedef struct bytes {
  const uint8_t *data;
  size_t len;
} bytes;

/* Parameters travel as an Int32Array of (parameter, value) pairs. */
typedef struct params {
  int32_t *pairs;
  size_t count; /* number of pairs */
} params;

int get_bytes(napi_env env, napi_value v, bytes *out);
int is_nullish(napi_env env, napi_value v);
int get_params(napi_env env, napi_value v, params *out);
double get_double(napi_env env, napi_value v);
int32_t get_int(napi_env env, napi_value v);
napi_value make_buffer_copy(napi_env env, const void *data, size_t len);
napi_value adopt_buffer(napi_env env, uint8_t *data, size_t len);

/* ---------- dictionaries (dict.c) ------------------------------------------------------------------ */

/* How a dictionary is attached to a context, decided in TypeScript (ZstdDict load modes). */
enum { DICT_NONE = 0, DICT_DIGESTED = 1, DICT_UNDIGESTED = 2, DICT_PREFIX = 3 };

typedef struct dict_handle {
  int is_cdict;
  ZSTD_CDict *cdict;
  ZSTD_DDict *ddict;
} dict_handle;

/* A dictionary request as passed from TypeScript: kind, handle or raw bytes, content type. */
typedef struct dict_spec {
  int kind;
  dict_handle *handle;
  bytes content;
  int content_type;
} dict_spec;

int get_dict_spec(napi_env env, napi_value kind, napi_value arg, napi_value type, dict_spec *out);
size_t cctx_apply_dict(ZSTD_CCtx *cctx, const dict_spec *d);
size_t dctx_apply_dict(ZSTD_DCtx *dctx, const dict_spec *d);

/* ---------- context setup (context.c): full reset, then parameters, then dictionary ---------------- */

size_t compress_setup(ZSTD_CCtx *cctx, const params *p, const dict_spec *d);
size_t decompress_setup(ZSTD_DCtx *dctx, const params *p, const dict_spec *d);

/* ---------- the JavaScript surface, registered by addon.c ------------------------------------------ */

/* one_shot.c */
int one_shot_init(napi_env env);
napi_value js_compress(napi_env env, napi_callback_info info);
napi_value js_decompress(napi_env env, napi_callback_info info);
napi_value js_decompress_into(napi_env env, napi_callback_info info);
napi_value js_compress_async(napi_env env, napi_callback_info info);
napi_value js_decompress_async(napi_env env, napi_callback_info info);
/* stream.c */
napi_value js_cctx_create(napi_env env, napi_callback_info info);
napi_value js_dctx_create(napi_env env, napi_callback_info info);

/* window_buffers.c: a reused context's window buffers as a new context would have them for the next frame. */
void forget_window_buffers(ZSTD_DCtx *dctx);
void fit_window_buffers(ZSTD_DCtx *dctx, const void *src, size_t len);
int streaming_holds_every_frame(bytes src, const params *p, const dict_spec *d);
napi_value js_stream_configure(napi_env env, napi_callback_info info);
napi_value js_stream_set_dict(napi_env env, napi_callback_info info);
napi_value js_stream_reset(napi_env env, napi_callback_info info);
napi_value js_cctx_set_pledged(napi_env env, napi_callback_info info);
napi_value js_stream_run(napi_env env, napi_callback_info info);
napi_value js_stream_run_async(napi_env env, napi_callback_info info);
/* dict.c */
napi_value js_create_cdict(napi_env env, napi_callback_info info);
napi_value js_create_ddict(napi_env env, napi_callback_info info);
napi_value js_dict_id(napi_env env, napi_callback_info info);
/* train.c */
napi_value js_train_dict(napi_env env, napi_callback_info info);
napi_value js_finalize_dict(napi_env env, napi_callback_info info);
/* inspect.c */
napi_value js_frame_info(napi_env env, napi_callback_info info);
napi_value js_frame_size(napi_env env, napi_callback_info info);
napi_value js_param_bounds(napi_env env, napi_callback_info info);
napi_value js_error_name(napi_env env, napi_callback_info info);

#endif
