/* ts314_zstd streaming contexts: a ZSTD_CCtx or ZSTD_DCtx behind a codec_stream.h handle, so compressing
 * and decompressing chunks go through the same run/runAsync as the bz2 and lzma addons. `finish` carries
 * zstd's end directive when compressing (0 continue, 1 flush a block, 2 end the frame); a decompression
 * run stops at the end of a frame (eof), when its input is used up, or at maxOut. */
#include "zstd_addon.h"
#include "../common/codec_stream.h"

typedef struct zstd_stream {
  int is_compressor;
  int run_starting; /* the next decompress_step is a run's first: its first call gets CPython's first block */
  ZSTD_CCtx *cctx;
  ZSTD_DCtx *dctx;
} zstd_stream;

static void stream_free(void *p) {
  zstd_stream *s = (zstd_stream *)p;
  ZSTD_freeCCtx(s->cctx);
  ZSTD_freeDCtx(s->dctx);
  free(s);
}

/* libzstd resets nothing itself after an error; resetting the session keeps the context usable for the
 * next frame, which is what ZstdCompressor/ZstdDecompressor promise (as Python's do). */
static int stream_error(zstd_stream *s, size_t code, codec_step_result *res) {
  if (s->is_compressor)
    ZSTD_CCtx_reset(s->cctx, ZSTD_reset_session_only);
  else
    ZSTD_DCtx_reset(s->dctx, ZSTD_reset_session_only);
  res->err_code = KIND_ZSTD;
  res->err_msg = ZSTD_getErrorName(code);
  res->lib_code = (int)ZSTD_getErrorCode(code);
  res->recoverable = 1;
  return STEP_ERROR;
}

/* Runs until the directive is satisfied or the output is full: with several workers (nbWorkers) one
 * ZSTD_compressStream2 call may neither take input nor give output while the workers are busy. */
static int compress_step(void *p, const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len, int finish,
                         codec_step_result *res) {
  zstd_stream *s = (zstd_stream *)p;
  ZSTD_EndDirective op = (ZSTD_EndDirective)finish;
  ZSTD_inBuffer ib = {in, in_len, 0};
  ZSTD_outBuffer ob = {out, out_len, 0};
  int status = STEP_OK;
  for (;;) {
    size_t r = ZSTD_compressStream2(s->cctx, &ob, &ib, op);
    if (ZSTD_isError(r)) {
      res->in_used = ib.pos;
      res->out_used = ob.pos;
      return stream_error(s, r, res);
    }
    if (op == ZSTD_e_continue ? ib.pos == ib.size : r == 0) {
      /* A completed flush or frame end is the end of this run: asking again would start a new frame. */
      if (op != ZSTD_e_continue) status = STEP_END;
      break;
    }
    if (ob.pos == ob.size) break;
  }
  res->in_used = ib.pos;
  res->out_used = ob.pos;
  return status;
}

static int decompress_step(void *p, const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len, int finish,
                           codec_step_result *res) {
  (void)finish;
  zstd_stream *s = (zstd_stream *)p;
  ZSTD_inBuffer ib = {in, in_len, 0};
  /* As ZstdDecompressor.decompress() in CPython: each call starts with a CPYTHON_FIRST_BLOCK room (or less
   * under maxLength), which decides whether a frame whose header arrives now decodes in one pass. */
  size_t room = out_len;
  if (s->run_starting && room > CPYTHON_FIRST_BLOCK) room = CPYTHON_FIRST_BLOCK;
  s->run_starting = 0;
  ZSTD_outBuffer ob = {out, room, 0};
  int status = STEP_OK;
  for (;;) {
    size_t r = ZSTD_decompressStream(s->dctx, &ob, &ib);
    if (ZSTD_isError(r)) {
      res->in_used = ib.pos;
      res->out_used = ob.pos;
      return stream_error(s, r, res);
    }
    if (r == 0) {
      forget_window_buffers(s->dctx); /* CPython reads each frame with a new decompressor */
      status = STEP_END;
      break;
    }
    if (ob.pos == ob.size && ob.size < out_len) {
      ob.size = out_len; /* the first block is full: CPython grows its buffer and goes on */
      continue;
    }
    if (ob.pos == ob.size || ib.pos == ib.size) break;
  }
  res->in_used = ib.pos;
  res->out_used = ob.pos;
  return status;
}

/* The capacities the zstd CLI's buffers and libzstd's docs suggest: a whole compressed flush, or a
 * decoded chunk big enough that a small frame decodes in one pass (no window buffers allocated). */
static size_t compress_capacity(void *p, size_t in_len, int finish) {
  (void)p;
  return finish == ZSTD_e_continue ? in_len / 2 + ZSTD_CStreamOutSize() : ZSTD_compressBound(in_len) + 1024;
}

/* Called once as each run starts, so it also arms the run's first-block room. */
static size_t decompress_capacity(void *p, size_t in_len, int finish) {
  (void)finish;
  ((zstd_stream *)p)->run_starting = 1;
  size_t cap = in_len * 4;
  return cap < ZSTD_DStreamOutSize() ? ZSTD_DStreamOutSize() : cap;
}

/* Results are copied into V8-owned Buffers, as this binding always did for streams: chunk-sized outputs
 * are many and short-lived, and external Buffers would leave their memory to finalizers. */
static napi_value create_stream(napi_env env, int is_compressor) {
  zstd_stream *s = (zstd_stream *)calloc(1, sizeof *s);
  if (s) {
    s->is_compressor = is_compressor;
    if (is_compressor)
      s->cctx = ZSTD_createCCtx();
    else
      s->dctx = ZSTD_createDCtx();
  }
  if (!s || (is_compressor ? !s->cctx : !s->dctx)) {
    free(s);
    throw_kind(env, KIND_NOMEM, is_compressor ? "cannot allocate a compression context" : "cannot allocate a decompression context", 0);
    return NULL;
  }
  return cs_wrap_handle_sized(env, s, is_compressor ? compress_step : decompress_step, stream_free,
                              is_compressor ? compress_capacity : decompress_capacity, 1);
}

/* The context behind a handle (want: 1 compression, 0 decompression, -1 either), not in use by an async run. */
static zstd_stream *get_stream(napi_env env, napi_value v, int want) {
  codec_handle *h = NULL;
  zstd_stream *s = NULL;
  if (napi_get_value_external(env, v, (void **)&h) == napi_ok && h) s = (zstd_stream *)h->state;
  if (!s || (want >= 0 && s->is_compressor != want)) {
    throw_kind(env, KIND_ARG, want == 1 ? "ts314_zstd: expected a compression context" : "ts314_zstd: expected a zstd context", 0);
    return NULL;
  }
  if (h->busy) {
    throw_kind(env, KIND_ARG, "ts314_zstd: this context is already running an operation", 0);
    return NULL;
  }
  return s;
}

napi_value js_cctx_create(napi_env env, napi_callback_info info) {
  (void)info;
  return create_stream(env, 1);
}

napi_value js_dctx_create(napi_env env, napi_callback_info info) {
  (void)info;
  return create_stream(env, 0);
}

/* configure(ctx, params, dictKind, dictArg, contentType): full reset, then parameters and dictionary. */
napi_value js_stream_configure(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  zstd_stream *s = get_stream(env, argv[0], -1);
  params p;
  dict_spec d;
  if (!s || !get_params(env, argv[1], &p) || !get_dict_spec(env, argv[2], argv[3], argv[4], &d)) return NULL;
  size_t r = s->is_compressor ? compress_setup(s->cctx, &p, &d) : decompress_setup(s->dctx, &p, &d);
  if (ZSTD_isError(r)) throw_zstd(env, r);
  return NULL;
}

/* setDict(ctx, dictKind, dictArg, contentType): re-attach a dictionary for the next frame (prefixes last one frame). */
napi_value js_stream_set_dict(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  zstd_stream *s = get_stream(env, argv[0], -1);
  dict_spec d;
  if (!s || !get_dict_spec(env, argv[1], argv[2], argv[3], &d)) return NULL;
  size_t r = s->is_compressor ? cctx_apply_dict(s->cctx, &d) : dctx_apply_dict(s->dctx, &d);
  if (ZSTD_isError(r)) throw_zstd(env, r);
  return NULL;
}

/* reset(ctx): drops the current frame; parameters and dictionary stay. */
napi_value js_stream_reset(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  zstd_stream *s = get_stream(env, argv[0], -1);
  if (s && s->is_compressor) ZSTD_CCtx_reset(s->cctx, ZSTD_reset_session_only);
  if (s && !s->is_compressor) {
    ZSTD_DCtx_reset(s->dctx, ZSTD_reset_session_only);
    forget_window_buffers(s->dctx);
  }
  return NULL;
}

/* cctxSetPledgedSize(ctx, size) with size < 0 meaning unknown. */
napi_value js_cctx_set_pledged(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  zstd_stream *s = get_stream(env, argv[0], 1);
  if (!s) return NULL;
  double n = get_double(env, argv[1]);
  unsigned long long size = n < 0 ? ZSTD_CONTENTSIZE_UNKNOWN : (unsigned long long)n;
  size_t r = ZSTD_CCtx_setPledgedSrcSize(s->cctx, size);
  if (ZSTD_isError(r)) throw_zstd(env, r);
  return NULL;
}

/* run(ctx, input, finish, maxOut) / runAsync(…, callback): codec_stream.h's, shared with bz2 and lzma. */
napi_value js_stream_run(napi_env env, napi_callback_info info) { return cs_run_sync(env, info); }
napi_value js_stream_run_async(napi_env env, napi_callback_info info) { return cs_run_async(env, info); }
