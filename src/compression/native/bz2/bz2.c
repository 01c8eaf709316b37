/* ts314_bz2: libbz2 (the reference bzip2 1.0.x library the `bzip2` CLI uses) exposed as streaming
 * encoder/decoder handles for ts314/compression/bz2. */
#include <bzlib.h>
#include <limits.h>
#include "../common/codec_stream.h"

typedef struct bz2_state {
  bz_stream s;
  int encoder;
} bz2_state;

static void bz2_free(void *p) {
  bz2_state *st = (bz2_state *)p;
  if (st->encoder)
    BZ2_bzCompressEnd(&st->s);
  else
    BZ2_bzDecompressEnd(&st->s);
  free(st);
}

static int bz2_step(void *p, const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len, int finish,
                    codec_step_result *res) {
  bz2_state *st = (bz2_state *)p;
  /* bz_stream counts in unsigned int; larger spans are fed in slices by the caller's loop. */
  unsigned int in_n = in_len > UINT_MAX ? UINT_MAX : (unsigned int)in_len;
  unsigned int out_n = out_len > UINT_MAX ? UINT_MAX : (unsigned int)out_len;
  st->s.next_in = (char *)in;
  st->s.avail_in = in_n;
  st->s.next_out = (char *)out;
  st->s.avail_out = out_n;
  int rc;
  if (st->encoder) {
    /* BZ_FINISH may only be requested once all input has been handed over. */
    int action = finish && in_n == in_len ? BZ_FINISH : BZ_RUN;
    rc = BZ2_bzCompress(&st->s, action);
  } else {
    rc = BZ2_bzDecompress(&st->s);
  }
  res->in_used = in_n - st->s.avail_in;
  res->out_used = out_n - st->s.avail_out;
  switch (rc) {
    case BZ_OK:
    case BZ_RUN_OK:
    case BZ_FLUSH_OK:
    case BZ_FINISH_OK:
      return STEP_OK;
    case BZ_STREAM_END:
      return STEP_END;
    case BZ_DATA_ERROR_MAGIC:
      res->err_code = "FORMAT";
      res->err_msg = "not bzip2 data: the stream does not start with the 'BZh' signature";
      return STEP_ERROR;
    case BZ_DATA_ERROR:
      res->err_code = "CORRUPT";
      res->err_msg = "invalid data stream: the bzip2 data is corrupt (integrity check failed)";
      return STEP_ERROR;
    case BZ_MEM_ERROR:
      res->err_code = "NO_MEMORY";
      res->err_msg = "libbz2 ran out of memory";
      return STEP_ERROR;
    default:
      res->err_code = "INTERNAL";
      res->err_msg = "libbz2 reported an unexpected sequence error";
      return STEP_ERROR;
  }
}

/* createEncoder(level 1-9) */
static napi_value create_encoder(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int64_t level = 9;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 1 || !cs_get_int(env, argv[0], &level) || level < 1 || level > 9) {
    napi_throw_range_error(env, "OPTIONS", "bz2 level must be an integer from 1 to 9");
    return NULL;
  }
  bz2_state *st = (bz2_state *)calloc(1, sizeof(bz2_state));
  if (!st) {
    napi_throw_error(env, "NO_MEMORY", "out of memory");
    return NULL;
  }
  st->encoder = 1;
  int rc = BZ2_bzCompressInit(&st->s, (int)level, 0, 0);
  if (rc != BZ_OK) {
    free(st);
    napi_throw_error(env, rc == BZ_MEM_ERROR ? "NO_MEMORY" : "OPTIONS", "BZ2_bzCompressInit failed");
    return NULL;
  }
  return cs_wrap_handle(env, st, bz2_step, bz2_free);
}

static napi_value create_decoder(napi_env env, napi_callback_info info) {
  (void)info;
  bz2_state *st = (bz2_state *)calloc(1, sizeof(bz2_state));
  if (!st) {
    napi_throw_error(env, "NO_MEMORY", "out of memory");
    return NULL;
  }
  int rc = BZ2_bzDecompressInit(&st->s, 0, 0);
  if (rc != BZ_OK) {
    free(st);
    napi_throw_error(env, "NO_MEMORY", "BZ2_bzDecompressInit failed");
    return NULL;
  }
  return cs_wrap_handle(env, st, bz2_step, bz2_free);
}

static napi_value init(napi_env env, napi_value exports) {
  cs_export_fn(env, exports, "createEncoder", create_encoder);
  cs_export_fn(env, exports, "createDecoder", create_decoder);
  cs_export_fn(env, exports, "run", cs_run_sync);
  cs_export_fn(env, exports, "runAsync", cs_run_async);
  cs_export_str(env, exports, "version", BZ2_bzlibVersion());
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
