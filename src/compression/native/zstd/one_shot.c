/* ts314_zstd one-shot compression and decompression: synchronously on per-thread reused contexts, or on the libuv pool. */
#include "zstd_addon.h"

/* ---------- per-thread state ----------------------------------------------------------------------- */

/* Contexts reused by the synchronous one-shot calls of one JavaScript thread: allocating a compression
 * context costs more than compressing 100 KiB at level 1, so the zstd CLI reuses them and so do we. */
typedef struct instance {
  ZSTD_CCtx *cctx;
  ZSTD_DCtx *dctx;
  uint8_t *scratch;
  size_t scratch_cap;
} instance;

static void finalize_instance(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  instance *in = (instance *)data;
  ZSTD_freeCCtx(in->cctx);
  ZSTD_freeDCtx(in->dctx);
  free(in->scratch);
  free(in);
}

static instance *get_instance(napi_env env) {
  void *p = NULL;
  napi_get_instance_data(env, &p);
  return (instance *)p;
}

static uint8_t *scratch(instance *in, size_t need) {
  if (in->scratch_cap >= need) return in->scratch;
  size_t cap = in->scratch_cap ? in->scratch_cap : 64 * 1024;
  while (cap < need) cap *= 2;
  uint8_t *p = (uint8_t *)realloc(in->scratch, cap);
  if (!p) return NULL;
  in->scratch = p;
  in->scratch_cap = cap;
  return p;
}

/* Creates this JavaScript thread's reused contexts; 0 after throwing. */
int one_shot_init(napi_env env) {
  instance *inst = (instance *)calloc(1, sizeof *inst);
  if (!inst || !(inst->cctx = ZSTD_createCCtx()) || !(inst->dctx = ZSTD_createDCtx())) {
    if (inst) ZSTD_freeCCtx(inst->cctx);
    free(inst);
    napi_throw_error(env, NULL, "ts314_zstd: cannot allocate zstd contexts");
    return 0;
  }
  napi_set_instance_data(env, inst, finalize_instance, NULL);
  return 1;
}

/* ---------- one-shot core (shared by sync and async) ----------------------------------------------- */

/* Streams every frame of `src` (skippable ones included, as libzstd does) into a growing malloc'd
 * buffer, refusing to grow past `max_out`. This is also the slow path that names the failure when the
 * single-call decoder refused the input: truncation is "ran out of input inside a frame". */
static uint8_t *decompress_stream_all(ZSTD_DCtx *dctx, const params *p, const dict_spec *d, bytes src, size_t max_out,
                                      size_t *out_len, outcome *o) {
  size_t r = decompress_setup(dctx, p, d);
  if (ZSTD_isError(r)) {
    set_zstd_err(o, r);
    return NULL;
  }
  size_t cap = src.len * 4;
  if (cap < 64 * 1024) cap = 64 * 1024;
  if (cap > max_out + 1) cap = max_out + 1;
  uint8_t *buf = (uint8_t *)malloc(cap);
  if (!buf) {
    o->kind = KIND_NOMEM;
    o->msg = "cannot allocate the decompression buffer";
    return NULL;
  }
  ZSTD_inBuffer in = {src.data, src.len, 0};
  ZSTD_outBuffer out = {buf, cap, 0};
  int frame_done = 0;
  for (;;) {
    if (out.pos == out.size) {
      if (out.size > max_out) {
        free(buf);
        o->kind = KIND_LIMIT;
        o->msg = "decompressed data exceeds maxOutputLength";
        return NULL;
      }
      size_t ncap = out.size * 2;
      if (ncap > max_out + 1 || ncap < out.size) ncap = max_out + 1;
      uint8_t *nb = (uint8_t *)realloc(buf, ncap);
      if (!nb) {
        free(buf);
        o->kind = KIND_NOMEM;
        o->msg = "cannot allocate the decompression buffer";
        return NULL;
      }
      buf = nb;
      out.dst = buf;
      out.size = ncap;
    }
    r = ZSTD_decompressStream(dctx, &out, &in);
    if (ZSTD_isError(r)) {
      free(buf);
      set_zstd_err(o, r);
      return NULL;
    }
    if (r == 0) {
      frame_done = 1;
      if (in.pos == in.size) break;
      /* A prefix applies to one frame; Python decodes every frame with a fresh decompressor. */
      if (d->kind == DICT_PREFIX) dctx_apply_dict(dctx, d);
      continue;
    }
    frame_done = 0;
    if (in.pos == in.size && out.pos < out.size) break;
  }
  if (!frame_done) {
    free(buf);
    o->kind = KIND_TRUNCATED;
    o->msg = "Compressed data ended before the end-of-stream marker was reached";
    return NULL;
  }
  if (out.size > max_out && out.pos > max_out) {
    free(buf);
    o->kind = KIND_LIMIT;
    o->msg = "decompressed data exceeds maxOutputLength";
    return NULL;
  }
  *out_len = out.pos;
  return buf;
}

/* Size every frame declares, or -1 when some frame does not say (or the input is not clean frames).
 * Also -1 with decompression parameters: the one-pass decoder ignores windowLogMax, which must refuse
 * frames needing a larger window (as CPython's streaming decoder does). */
static int64_t declared_size(bytes src, const dict_spec *d, const params *p) {
  if (d->kind == DICT_PREFIX || src.len == 0 || p->count > 0) return -1;
  unsigned long long n = ZSTD_findDecompressedSize(src.data, src.len);
  if (n == ZSTD_CONTENTSIZE_ERROR || n == ZSTD_CONTENTSIZE_UNKNOWN || n > (unsigned long long)INT64_MAX) return -1;
  return (int64_t)n;
}

/* ---------- sync one-shot -------------------------------------------------------------------------- */

/* compress(src, params, dictKind, dictArg, contentType) -> Buffer */
napi_value js_compress(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bytes src;
  params p;
  dict_spec d;
  if (!get_bytes(env, argv[0], &src) || !get_params(env, argv[1], &p) || !get_dict_spec(env, argv[2], argv[3], argv[4], &d))
    return NULL;
  instance *inst = get_instance(env);
  size_t r = compress_setup(inst->cctx, &p, &d);
  if (ZSTD_isError(r)) {
    ZSTD_CCtx_reset(inst->cctx, ZSTD_reset_session_and_parameters);
    throw_zstd(env, r);
    return NULL;
  }
  size_t bound = ZSTD_compressBound(src.len);
  uint8_t *dst = scratch(inst, bound);
  if (!dst) {
    throw_kind(env, KIND_NOMEM, "cannot allocate the compression buffer", 0);
    return NULL;
  }
  r = ZSTD_compress2(inst->cctx, dst, bound, src.data, src.len);
  /* Drop dictionary references now so a dictionary handle can be collected independently. */
  ZSTD_CCtx_reset(inst->cctx, ZSTD_reset_session_and_parameters);
  if (ZSTD_isError(r)) {
    throw_zstd(env, r);
    return NULL;
  }
  return make_buffer_copy(env, dst, r);
}

/* decompress(src, params, dictKind, dictArg, contentType, maxOut) -> Buffer */
napi_value js_decompress(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bytes src;
  params p;
  dict_spec d;
  if (!get_bytes(env, argv[0], &src) || !get_params(env, argv[1], &p) || !get_dict_spec(env, argv[2], argv[3], argv[4], &d))
    return NULL;
  double maxd = get_double(env, argv[5]);
  size_t max_out = maxd >= 9007199254740991.0 ? SIZE_MAX - 1 : (size_t)maxd;
  instance *inst = get_instance(env);
  int64_t declared = declared_size(src, &d, &p);
  if (declared >= 0) {
    if ((uint64_t)declared > max_out) {
      throw_kind(env, KIND_LIMIT, "decompressed data exceeds maxOutputLength", 0);
      return NULL;
    }
    size_t r = decompress_setup(inst->dctx, &p, &d);
    if (ZSTD_isError(r)) {
      ZSTD_DCtx_reset(inst->dctx, ZSTD_reset_session_and_parameters);
      throw_zstd(env, r);
      return NULL;
    }
    napi_value buf;
    void *dst;
    if (napi_create_buffer(env, (size_t)declared, &dst, &buf) != napi_ok) {
      throw_kind(env, KIND_NOMEM, "cannot allocate the decompression buffer", 0);
      return NULL;
    }
    r = ZSTD_decompressDCtx(inst->dctx, declared ? dst : NULL, (size_t)declared, src.data, src.len);
    if (!ZSTD_isError(r) && r == (size_t)declared) {
      ZSTD_DCtx_reset(inst->dctx, ZSTD_reset_session_and_parameters);
      return buf;
    }
    /* Fall through: the streaming decoder names the failure precisely (e.g. truncation). */
  }
  outcome o = {0};
  size_t len = 0;
  uint8_t *out = decompress_stream_all(inst->dctx, &p, &d, src, max_out, &len, &o);
  ZSTD_DCtx_reset(inst->dctx, ZSTD_reset_session_and_parameters);
  if (!out) {
    throw_kind(env, o.kind, o.msg, o.zcode);
    return NULL;
  }
  if (len < 64 * 1024) {
    napi_value b = make_buffer_copy(env, out, len);
    free(out);
    return b;
  }
  uint8_t *shrunk = len ? (uint8_t *)realloc(out, len) : out;
  return adopt_buffer(env, shrunk ? shrunk : out, len);
}

/* ---------- async one-shot on the libuv pool ------------------------------------------------------- */

typedef struct async_job {
  int is_compress;
  bytes src;
  params p;
  int32_t *pairs_copy;
  dict_spec d;
  size_t max_out;
  napi_ref refs[2]; /* source, dictionary argument */
  napi_deferred deferred;
  napi_async_work work;
  uint8_t *out;
  size_t out_len;
  outcome o;
} async_job;

static void async_execute(napi_env env, void *data) {
  (void)env;
  async_job *j = (async_job *)data;
  if (j->is_compress) {
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    if (!cctx) {
      j->o.kind = KIND_NOMEM;
      j->o.msg = "cannot allocate a compression context";
      return;
    }
    size_t r = compress_setup(cctx, &j->p, &j->d);
    if (!ZSTD_isError(r)) {
      size_t bound = ZSTD_compressBound(j->src.len);
      j->out = (uint8_t *)malloc(bound ? bound : 1);
      if (!j->out) {
        j->o.kind = KIND_NOMEM;
        j->o.msg = "cannot allocate the compression buffer";
      } else {
        r = ZSTD_compress2(cctx, j->out, bound, j->src.data, j->src.len);
        if (!ZSTD_isError(r)) {
          j->out_len = r;
          uint8_t *s = r ? (uint8_t *)realloc(j->out, r) : j->out;
          if (s) j->out = s;
        }
      }
    }
    if (ZSTD_isError(r)) set_zstd_err(&j->o, r);
    ZSTD_freeCCtx(cctx);
    return;
  }
  ZSTD_DCtx *dctx = ZSTD_createDCtx();
  if (!dctx) {
    j->o.kind = KIND_NOMEM;
    j->o.msg = "cannot allocate a decompression context";
    return;
  }
  int64_t declared = declared_size(j->src, &j->d, &j->p);
  if (declared >= 0) {
    if ((uint64_t)declared > j->max_out) {
      j->o.kind = KIND_LIMIT;
      j->o.msg = "decompressed data exceeds maxOutputLength";
      ZSTD_freeDCtx(dctx);
      return;
    }
    size_t r = decompress_setup(dctx, &j->p, &j->d);
    if (ZSTD_isError(r)) {
      set_zstd_err(&j->o, r);
      ZSTD_freeDCtx(dctx);
      return;
    }
    j->out = (uint8_t *)malloc(declared ? (size_t)declared : 1);
    if (j->out) {
      r = ZSTD_decompressDCtx(dctx, j->out, (size_t)declared, j->src.data, j->src.len);
      if (!ZSTD_isError(r) && r == (size_t)declared) {
        j->out_len = r;
        ZSTD_freeDCtx(dctx);
        return;
      }
      free(j->out);
      j->out = NULL;
    }
  }
  j->out = decompress_stream_all(dctx, &j->p, &j->d, j->src, j->max_out, &j->out_len, &j->o);
  ZSTD_freeDCtx(dctx);
}

static void async_complete(napi_env env, napi_status status, void *data) {
  async_job *j = (async_job *)data;
  napi_value result;
  if (status != napi_ok && !j->o.kind) {
    j->o.kind = KIND_ARG;
    j->o.msg = "ts314_zstd: the async work was cancelled";
  }
  if (j->o.kind) {
    free(j->out);
    napi_reject_deferred(env, j->deferred, make_error(env, j->o.kind, j->o.msg, j->o.zcode));
  } else {
    result = adopt_buffer(env, j->out ? j->out : (uint8_t *)malloc(1), j->out_len);
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (pending) {
      napi_value exc;
      napi_get_and_clear_last_exception(env, &exc);
      napi_reject_deferred(env, j->deferred, exc);
    } else {
      napi_resolve_deferred(env, j->deferred, result);
    }
  }
  for (int i = 0; i < 2; i++)
    if (j->refs[i]) napi_delete_reference(env, j->refs[i]);
  napi_delete_async_work(env, j->work);
  free(j->pairs_copy);
  free(j);
}

/* compressAsync(src, params, dictKind, dictArg, contentType) / decompressAsync(..., maxOut) -> Promise<Buffer> */
static napi_value start_async(napi_env env, napi_callback_info info, int is_compress) {
  size_t argc = 6;
  napi_value argv[6];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  async_job *j = (async_job *)calloc(1, sizeof *j);
  if (!j) {
    throw_kind(env, KIND_NOMEM, "cannot allocate an async job", 0);
    return NULL;
  }
  j->is_compress = is_compress;
  params p;
  if (!get_bytes(env, argv[0], &j->src) || !get_params(env, argv[1], &p) ||
      !get_dict_spec(env, argv[2], argv[3], argv[4], &j->d)) {
    free(j);
    return NULL;
  }
  /* Parameters are copied; the source and dictionary are pinned by references until completion. */
  if (p.count) {
    j->pairs_copy = (int32_t *)malloc(p.count * 2 * sizeof(int32_t));
    memcpy(j->pairs_copy, p.pairs, p.count * 2 * sizeof(int32_t));
  }
  j->p.pairs = j->pairs_copy;
  j->p.count = p.count;
  if (!is_compress) {
    double maxd = get_double(env, argv[5]);
    j->max_out = maxd >= 9007199254740991.0 ? SIZE_MAX - 1 : (size_t)maxd;
  }
  napi_create_reference(env, argv[0], 1, &j->refs[0]);
  if (j->d.kind != DICT_NONE) napi_create_reference(env, argv[3], 1, &j->refs[1]);
  napi_value promise, name;
  CHECK(napi_create_promise(env, &j->deferred, &promise));
  CHECK(napi_create_string_utf8(env, is_compress ? "ts314:zstdCompress" : "ts314:zstdDecompress", NAPI_AUTO_LENGTH, &name));
  CHECK(napi_create_async_work(env, NULL, name, async_execute, async_complete, j, &j->work));
  CHECK(napi_queue_async_work(env, j->work));
  return promise;
}

napi_value js_compress_async(napi_env env, napi_callback_info info) { return start_async(env, info, 1); }
napi_value js_decompress_async(napi_env env, napi_callback_info info) { return start_async(env, info, 0); }
