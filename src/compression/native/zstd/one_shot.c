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

typedef struct output {
  uint8_t *buf;
  size_t cap;
  size_t len;
  size_t max_out;
  int borrowed; /* buf is the caller's (a Buffer of the declared size, or a reused scratch buffer): copied, never reallocated or freed */
} output;

/* Makes room for `need` more bytes, growing at most one block past max_out (enough to see it crossed). */
static int reserve(output *w, size_t need, outcome *o) {
  if (w->cap - w->len >= need) return 1;
  size_t ncap = w->cap * 2 < w->cap ? SIZE_MAX : w->cap * 2;
  size_t ceiling = w->max_out + CPYTHON_FIRST_BLOCK < w->max_out ? SIZE_MAX : w->max_out + CPYTHON_FIRST_BLOCK;
  if (ncap > ceiling) ncap = ceiling;
  if (ncap < w->len + need) ncap = w->len + need;
  uint8_t *nb = (uint8_t *)(w->borrowed ? malloc(ncap) : realloc(w->buf, ncap));
  if (!nb) {
    o->kind = KIND_NOMEM;
    o->msg = "cannot allocate the decompression buffer";
    return 0;
  }
  if (w->borrowed && w->len) memcpy(nb, w->buf, w->len);
  w->borrowed = 0;
  w->buf = nb;
  w->cap = ncap;
  return 1;
}

static void release(output *w) {
  if (!w->borrowed) free(w->buf);
  w->buf = NULL;
}

/* The total size the frames of `src` declare; ZSTD_CONTENTSIZE_UNKNOWN when one does not say or the input is not clean frames. */
static unsigned long long declared_size(bytes src) {
  unsigned long long n = src.len ? ZSTD_findDecompressedSize(src.data, src.len) : 0;
  return n == ZSTD_CONTENTSIZE_ERROR ? ZSTD_CONTENTSIZE_UNKNOWN : n;
}

/* A first buffer for `src`: the declared size, or a guess, plus CPython's first block. */
static int reserve_for(output *w, bytes src, unsigned long long declared, outcome *o) {
  size_t guess = declared == ZSTD_CONTENTSIZE_UNKNOWN ? src.len * 4 : (size_t)declared;
  return reserve(w, (guess < w->max_out ? guess : w->max_out) + CPYTHON_FIRST_BLOCK, o);
}

static int limit_exceeded(outcome *o) {
  o->kind = KIND_LIMIT;
  o->msg = "decompressed data exceeds maxOutputLength";
  return 0;
}

/* Decodes one frame as a new CPython ZstdDecompressor would: CPYTHON_FIRST_BLOCK bytes of room for the
 * first call, then the rest of the buffer. 1 at the end of the frame; 0 after setting `o`. */
static int decode_frame(ZSTD_DCtx *dctx, ZSTD_inBuffer *in, output *w, outcome *o) {
  for (int first = 1;; first = 0) {
    if (!reserve(w, first ? CPYTHON_FIRST_BLOCK : 1, o)) return 0;
    ZSTD_outBuffer out = {w->buf, first ? w->len + CPYTHON_FIRST_BLOCK : w->cap, w->len};
    size_t r = ZSTD_decompressStream(dctx, &out, in);
    w->len = out.pos;
    if (ZSTD_isError(r)) {
      set_zstd_err(o, r);
      return 0;
    }
    if (w->len > w->max_out) return limit_exceeded(o);
    if (r == 0) return 1;
    if (in->pos == in->size && out.pos < out.size) {
      o->kind = KIND_TRUNCATED;
      o->msg = "Compressed data ended before the end-of-stream marker was reached";
      return 0;
    }
  }
}

/* Decodes every frame of `src` (skippable ones included) into `w` as CPython's decompress() does, which gives
 * each frame a new decompressor: before each frame the reused context's window buffers are fitted to it, as
 * a new context's would be. 1 on success; 0 after setting `o` and releasing `w`. */
static int decompress_all(ZSTD_DCtx *dctx, const params *p, const dict_spec *d, bytes src, output *w, outcome *o) {
  size_t r = decompress_setup(dctx, p, d);
  if (ZSTD_isError(r)) {
    set_zstd_err(o, r);
    release(w);
    return 0;
  }
  ZSTD_inBuffer in = {src.data, src.len, 0};
  for (int first = 1; first || in.pos < in.size; first = 0) {
    fit_window_buffers(dctx, (const uint8_t *)src.data + in.pos, src.len - in.pos);
    /* A prefix applies to one frame only. */
    if (!first && d->kind == DICT_PREFIX) dctx_apply_dict(dctx, d);
    if (!decode_frame(dctx, &in, w, o)) {
      release(w);
      return 0;
    }
  }
  return 1;
}

/* CPython's answer the fast way, where it is the same (see streaming_holds_every_frame): one pass into `dst`,
 * the declared size. 0 when that does not apply or the input fails: the streaming way then names the failure. */
static int decode_in_one_pass(ZSTD_DCtx *dctx, bytes src, const params *p, const dict_spec *d, uint8_t *dst, size_t size) {
  if (!streaming_holds_every_frame(src, p, d) || ZSTD_isError(decompress_setup(dctx, p, d))) return 0;
  return ZSTD_decompressDCtx(dctx, size ? dst : NULL, size, src.data, src.len) == size;
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
  outcome o = {0};
  unsigned long long declared = declared_size(src);
  int known = declared != ZSTD_CONTENTSIZE_UNKNOWN;
  if (known && declared > max_out) {
    limit_exceeded(&o);
    throw_kind(env, o.kind, o.msg, 0);
    return NULL;
  }
  napi_value sized = NULL; /* a Buffer of the declared size */
  uint8_t *sized_data = NULL;
  if (known && napi_create_buffer(env, (size_t)declared, (void **)&sized_data, &sized) != napi_ok) sized = NULL;
  if (sized && decode_in_one_pass(inst->dctx, src, &p, &d, sized_data, (size_t)declared)) {
    ZSTD_DCtx_reset(inst->dctx, ZSTD_reset_session_and_parameters);
    return sized;
  }
  /* CPython's way: into the sized Buffer when CPython's first block fits in it (no copy), else into this
   * thread's reused buffer (small frames) or a new one, then one copy. */
  output w = {NULL, 0, 0, max_out, 0};
  if (sized && declared >= CPYTHON_FIRST_BLOCK) {
    w.buf = sized_data;
    w.cap = (size_t)declared;
    w.borrowed = 1;
  } else if (known && declared < CPYTHON_FIRST_BLOCK && (w.buf = scratch(inst, 2 * CPYTHON_FIRST_BLOCK))) {
    w.cap = inst->scratch_cap;
    w.borrowed = 1;
  } else if (!reserve_for(&w, src, declared, &o)) {
    throw_kind(env, o.kind, o.msg, 0);
    return NULL;
  }
  int ok = decompress_all(inst->dctx, &p, &d, src, &w, &o);
  ZSTD_DCtx_reset(inst->dctx, ZSTD_reset_session_and_parameters);
  if (!ok) {
    throw_kind(env, o.kind, o.msg, o.zcode);
    return NULL;
  }
  if (w.buf == sized_data && w.len == declared) return sized;
  napi_value result = make_buffer_copy(env, w.buf, w.len);
  release(&w);
  return result;
}

/* decompressInto(src, params, dictKind, dictArg, contentType, target) -> bytes written into target */
napi_value js_decompress_into(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bytes src, target;
  params p;
  dict_spec d;
  if (!get_bytes(env, argv[0], &src) || !get_params(env, argv[1], &p) || !get_dict_spec(env, argv[2], argv[3], argv[4], &d) ||
      !get_bytes(env, argv[5], &target))
    return NULL;
  instance *inst = get_instance(env);
  outcome o = {0};
  unsigned long long declared = declared_size(src);
  size_t written = 0;
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared > target.len) {
    limit_exceeded(&o);
  } else if (declared != ZSTD_CONTENTSIZE_UNKNOWN && decode_in_one_pass(inst->dctx, src, &p, &d, (uint8_t *)target.data, (size_t)declared)) {
    written = (size_t)declared;
  } else {
    /* CPython's way, into a buffer of its own: the target holds only what succeeded, and this path is rare. */
    output w = {NULL, 0, 0, target.len, 0};
    if (reserve_for(&w, src, declared, &o) && decompress_all(inst->dctx, &p, &d, src, &w, &o)) {
      if (w.len) memcpy((uint8_t *)target.data, w.buf, w.len);
      written = w.len;
      release(&w);
    }
  }
  ZSTD_DCtx_reset(inst->dctx, ZSTD_reset_session_and_parameters);
  if (o.kind) {
    throw_kind(env, o.kind, o.msg, o.zcode);
    return NULL;
  }
  napi_value result;
  CHECK(napi_create_double(env, (double)written, &result));
  return result;
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
  output w = {NULL, 0, 0, j->max_out, 0};
  unsigned long long declared = declared_size(j->src);
  uint8_t *dst = declared != ZSTD_CONTENTSIZE_UNKNOWN && declared <= j->max_out ? (uint8_t *)malloc(declared ? (size_t)declared : 1) : NULL;
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared > j->max_out) {
    limit_exceeded(&j->o);
  } else if (dst && decode_in_one_pass(dctx, j->src, &j->p, &j->d, dst, (size_t)declared)) {
    j->out = dst;
    j->out_len = (size_t)declared;
    dst = NULL;
  } else if (reserve_for(&w, j->src, declared, &j->o) && decompress_all(dctx, &j->p, &j->d, j->src, &w, &j->o)) {
    uint8_t *shrunk = w.len ? (uint8_t *)realloc(w.buf, w.len) : w.buf;
    j->out = shrunk ? shrunk : w.buf;
    j->out_len = w.len;
  }
  free(dst);
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
