/* ts314_zstd: the N-API binding of ts314/compression/zstd over the vendored libzstd (one-shot, streaming
 * contexts, dictionaries, training, frame inspection), with one-shot work on the libuv pool for the async forms. */
#define ZSTD_STATIC_LINKING_ONLY
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "zstd.h"
#include "zstd_errors.h"
#include "zdict.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/* ---------- error plumbing ------------------------------------------------------------------------- */

/* Error kinds the TypeScript layer maps to ZstdError codes. */
#define KIND_ZSTD "zstd"         /* libzstd returned an error code (zstdCode set) */
#define KIND_TRUNCATED "truncated"
#define KIND_LIMIT "limit"
#define KIND_NOMEM "nomem"
#define KIND_ARG "arg"

static void throw_kind(napi_env env, const char *kind, const char *msg, int zcode) {
  napi_value message, error, v;
  if (napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &message) != napi_ok) return;
  if (napi_create_error(env, NULL, message, &error) != napi_ok) return;
  napi_create_string_utf8(env, kind, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, error, "zstdKind", v);
  napi_create_int32(env, zcode, &v);
  napi_set_named_property(env, error, "zstdCode", v);
  napi_throw(env, error);
}

static napi_value make_error(napi_env env, const char *kind, const char *msg, int zcode) {
  napi_value message, error, v;
  napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &message);
  napi_create_error(env, NULL, message, &error);
  napi_create_string_utf8(env, kind, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, error, "zstdKind", v);
  napi_create_int32(env, zcode, &v);
  napi_set_named_property(env, error, "zstdCode", v);
  return error;
}

static void throw_zstd(napi_env env, size_t code) {
  throw_kind(env, KIND_ZSTD, ZSTD_getErrorName(code), (int)ZSTD_getErrorCode(code));
}

#define CHECK(call)                                                         \
  do {                                                                      \
    if ((call) != napi_ok) {                                                \
      bool pending_ = false;                                                \
      napi_is_exception_pending(env, &pending_);                            \
      if (!pending_) throw_kind(env, KIND_ARG, "ts314_zstd: N-API call failed: " #call, 0); \
      return NULL;                                                          \
    }                                                                       \
  } while (0)

/* ---------- argument helpers ----------------------------------------------------------------------- */

typedef struct bytes {
  const uint8_t *data;
  size_t len;
} bytes;

static int get_bytes(napi_env env, napi_value v, bytes *out) {
  bool is_ta = false;
  napi_is_typedarray(env, v, &is_ta);
  if (!is_ta) {
    throw_kind(env, KIND_ARG, "ts314_zstd: expected a Uint8Array", 0);
    return 0;
  }
  napi_typedarray_type type;
  size_t length;
  void *data;
  napi_value ab;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, &ab, &offset) != napi_ok || type != napi_uint8_array) {
    throw_kind(env, KIND_ARG, "ts314_zstd: expected a Uint8Array", 0);
    return 0;
  }
  out->data = length ? (const uint8_t *)data : (const uint8_t *)"";
  out->len = length;
  return 1;
}

static int is_nullish(napi_env env, napi_value v) {
  napi_valuetype t;
  napi_typeof(env, v, &t);
  return t == napi_null || t == napi_undefined;
}

/* Parameters travel as an Int32Array of (parameter, value) pairs. */
typedef struct params {
  int32_t *pairs;
  size_t count; /* number of pairs */
} params;

static int get_params(napi_env env, napi_value v, params *out) {
  out->pairs = NULL;
  out->count = 0;
  if (is_nullish(env, v)) return 1;
  napi_typedarray_type type;
  size_t length;
  void *data;
  napi_value ab;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, &ab, &offset) != napi_ok || type != napi_int32_array) {
    throw_kind(env, KIND_ARG, "ts314_zstd: parameters must be an Int32Array", 0);
    return 0;
  }
  out->pairs = (int32_t *)data;
  out->count = length / 2;
  return 1;
}

static double get_double(napi_env env, napi_value v) {
  double d = 0;
  napi_get_value_double(env, v, &d);
  return d;
}

static int32_t get_int(napi_env env, napi_value v) {
  int32_t i = 0;
  napi_get_value_int32(env, v, &i);
  return i;
}

static napi_value make_buffer_copy(napi_env env, const void *data, size_t len) {
  napi_value buf;
  void *ignored;
  if (napi_create_buffer_copy(env, len, len ? data : "", &ignored, &buf) != napi_ok) {
    throw_kind(env, KIND_NOMEM, "ts314_zstd: cannot allocate the output buffer", 0);
    return NULL;
  }
  return buf;
}

static void free_malloced(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  free(data);
}

/* Hands a malloc'd block to JavaScript without copying where the runtime allows external buffers. */
static napi_value adopt_buffer(napi_env env, uint8_t *data, size_t len) {
  napi_value buf;
  if (len > 0 && napi_create_external_buffer(env, len, data, free_malloced, NULL, &buf) == napi_ok) return buf;
  buf = make_buffer_copy(env, data, len);
  free(data);
  return buf;
}

/* ---------- dictionaries --------------------------------------------------------------------------- */

/* How a dictionary is attached to a context, decided in TypeScript (ZstdDict load modes). */
enum { DICT_NONE = 0, DICT_DIGESTED = 1, DICT_UNDIGESTED = 2, DICT_PREFIX = 3 };

typedef struct dict_handle {
  int is_cdict;
  ZSTD_CDict *cdict;
  ZSTD_DDict *ddict;
} dict_handle;

static void finalize_dict(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  dict_handle *d = (dict_handle *)data;
  if (d->cdict) ZSTD_freeCDict(d->cdict);
  if (d->ddict) ZSTD_freeDDict(d->ddict);
  free(d);
}

/* createCDict(content, contentType, level) -> handle */
static napi_value js_create_cdict(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bytes content;
  if (!get_bytes(env, argv[0], &content)) return NULL;
  int type = get_int(env, argv[1]);
  int level = get_int(env, argv[2]);
  ZSTD_compressionParameters cp = ZSTD_getCParams(level, ZSTD_CONTENTSIZE_UNKNOWN, content.len);
  ZSTD_CDict *cd = ZSTD_createCDict_advanced(content.data, content.len, ZSTD_dlm_byCopy, (ZSTD_dictContentType_e)type, cp,
                                             ZSTD_defaultCMem);
  if (!cd) {
    throw_kind(env, KIND_ZSTD, "Failed to create a ZSTD_CDict instance from Zstandard dictionary content", ZSTD_error_dictionary_corrupted);
    return NULL;
  }
  dict_handle *d = (dict_handle *)calloc(1, sizeof *d);
  d->is_cdict = 1;
  d->cdict = cd;
  napi_value ext;
  CHECK(napi_create_external(env, d, finalize_dict, NULL, &ext));
  return ext;
}

/* createDDict(content, contentType) -> handle */
static napi_value js_create_ddict(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bytes content;
  if (!get_bytes(env, argv[0], &content)) return NULL;
  int type = get_int(env, argv[1]);
  ZSTD_DDict *dd = ZSTD_createDDict_advanced(content.data, content.len, ZSTD_dlm_byCopy, (ZSTD_dictContentType_e)type,
                                             ZSTD_defaultCMem);
  if (!dd) {
    throw_kind(env, KIND_ZSTD, "Failed to create a ZSTD_DDict instance from Zstandard dictionary content", ZSTD_error_dictionary_corrupted);
    return NULL;
  }
  dict_handle *d = (dict_handle *)calloc(1, sizeof *d);
  d->ddict = dd;
  napi_value ext;
  CHECK(napi_create_external(env, d, finalize_dict, NULL, &ext));
  return ext;
}

static napi_value js_dict_id(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bytes content;
  if (!get_bytes(env, argv[0], &content)) return NULL;
  CHECK(napi_create_uint32(env, ZSTD_getDictID_fromDict(content.data, content.len), &out));
  return out;
}

/* A dictionary request as passed from TypeScript: kind, handle or raw bytes, content type. */
typedef struct dict_spec {
  int kind;
  dict_handle *handle;
  bytes content;
  int content_type;
} dict_spec;

static int get_dict_spec(napi_env env, napi_value kind, napi_value arg, napi_value type, dict_spec *out) {
  memset(out, 0, sizeof *out);
  out->kind = get_int(env, kind);
  out->content_type = get_int(env, type);
  if (out->kind == DICT_DIGESTED) {
    void *p = NULL;
    if (napi_get_value_external(env, arg, &p) != napi_ok || !p) {
      throw_kind(env, KIND_ARG, "ts314_zstd: expected a dictionary handle", 0);
      return 0;
    }
    out->handle = (dict_handle *)p;
  } else if (out->kind == DICT_UNDIGESTED || out->kind == DICT_PREFIX) {
    if (!get_bytes(env, arg, &out->content)) return 0;
  }
  return 1;
}

static size_t cctx_apply_dict(ZSTD_CCtx *cctx, const dict_spec *d) {
  switch (d->kind) {
    case DICT_DIGESTED:
      return ZSTD_CCtx_refCDict(cctx, d->handle->cdict);
    case DICT_UNDIGESTED:
      return ZSTD_CCtx_loadDictionary_advanced(cctx, d->content.data, d->content.len, ZSTD_dlm_byCopy,
                                               (ZSTD_dictContentType_e)d->content_type);
    case DICT_PREFIX:
      /* refPrefix only references: callers keep `content` alive for the frame (TypeScript holds it). */
      return ZSTD_CCtx_refPrefix_advanced(cctx, d->content.data, d->content.len, (ZSTD_dictContentType_e)d->content_type);
    default:
      return 0;
  }
}

static size_t dctx_apply_dict(ZSTD_DCtx *dctx, const dict_spec *d) {
  switch (d->kind) {
    case DICT_DIGESTED:
      return ZSTD_DCtx_refDDict(dctx, d->handle->ddict);
    case DICT_UNDIGESTED:
      return ZSTD_DCtx_loadDictionary_advanced(dctx, d->content.data, d->content.len, ZSTD_dlm_byCopy,
                                               (ZSTD_dictContentType_e)d->content_type);
    case DICT_PREFIX:
      return ZSTD_DCtx_refPrefix_advanced(dctx, d->content.data, d->content.len, (ZSTD_dictContentType_e)d->content_type);
    default:
      return 0;
  }
}

static size_t cctx_apply_params(ZSTD_CCtx *cctx, const int32_t *pairs, size_t count) {
  for (size_t i = 0; i < count; i++) {
    size_t r = ZSTD_CCtx_setParameter(cctx, (ZSTD_cParameter)pairs[2 * i], pairs[2 * i + 1]);
    if (ZSTD_isError(r)) return r;
  }
  return 0;
}

static size_t dctx_apply_params(ZSTD_DCtx *dctx, const int32_t *pairs, size_t count) {
  for (size_t i = 0; i < count; i++) {
    size_t r = ZSTD_DCtx_setParameter(dctx, (ZSTD_dParameter)pairs[2 * i], pairs[2 * i + 1]);
    if (ZSTD_isError(r)) return r;
  }
  return 0;
}

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

/* ---------- one-shot core (shared by sync and async) ----------------------------------------------- */

typedef struct outcome {
  const char *kind; /* NULL on success */
  const char *msg;
  int zcode;
} outcome;

static void set_zstd_err(outcome *o, size_t code) {
  o->kind = KIND_ZSTD;
  o->msg = ZSTD_getErrorName(code);
  o->zcode = (int)ZSTD_getErrorCode(code);
}

static size_t compress_setup(ZSTD_CCtx *cctx, const params *p, const dict_spec *d) {
  ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters);
  size_t r = cctx_apply_params(cctx, p->pairs, p->count);
  if (ZSTD_isError(r)) return r;
  return cctx_apply_dict(cctx, d);
}

static size_t decompress_setup(ZSTD_DCtx *dctx, const params *p, const dict_spec *d) {
  ZSTD_DCtx_reset(dctx, ZSTD_reset_session_and_parameters);
  size_t r = dctx_apply_params(dctx, p->pairs, p->count);
  if (ZSTD_isError(r)) return r;
  return dctx_apply_dict(dctx, d);
}

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

/* Size every frame declares, or -1 when some frame does not say (or the input is not clean frames). */
static int64_t declared_size(bytes src, const dict_spec *d) {
  if (d->kind == DICT_PREFIX || src.len == 0) return -1;
  unsigned long long n = ZSTD_findDecompressedSize(src.data, src.len);
  if (n == ZSTD_CONTENTSIZE_ERROR || n == ZSTD_CONTENTSIZE_UNKNOWN || n > (unsigned long long)INT64_MAX) return -1;
  return (int64_t)n;
}

/* ---------- sync one-shot -------------------------------------------------------------------------- */

/* compress(src, params, dictKind, dictArg, contentType) -> Buffer */
static napi_value js_compress(napi_env env, napi_callback_info info) {
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
static napi_value js_decompress(napi_env env, napi_callback_info info) {
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
  int64_t declared = declared_size(src, &d);
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
  int64_t declared = declared_size(j->src, &j->d);
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

static napi_value js_compress_async(napi_env env, napi_callback_info info) { return start_async(env, info, 1); }
static napi_value js_decompress_async(napi_env env, napi_callback_info info) { return start_async(env, info, 0); }

/* ---------- streaming compression context ---------------------------------------------------------- */

typedef struct cstream {
  ZSTD_CCtx *cctx;
} cstream;

static void finalize_cstream(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  cstream *c = (cstream *)data;
  ZSTD_freeCCtx(c->cctx);
  free(c);
}

static napi_value js_cctx_create(napi_env env, napi_callback_info info) {
  (void)info;
  cstream *c = (cstream *)calloc(1, sizeof *c);
  if (!c || !(c->cctx = ZSTD_createCCtx())) {
    free(c);
    throw_kind(env, KIND_NOMEM, "cannot allocate a compression context", 0);
    return NULL;
  }
  napi_value ext;
  CHECK(napi_create_external(env, c, finalize_cstream, NULL, &ext));
  return ext;
}

static cstream *get_cstream(napi_env env, napi_value v) {
  void *p = NULL;
  if (napi_get_value_external(env, v, &p) != napi_ok || !p) {
    throw_kind(env, KIND_ARG, "ts314_zstd: expected a compression context", 0);
    return NULL;
  }
  return (cstream *)p;
}

/* cctxConfigure(ctx, params, dictKind, dictArg, contentType): full reset, then parameters and dictionary. */
static napi_value js_cctx_configure(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  cstream *c = get_cstream(env, argv[0]);
  params p;
  dict_spec d;
  if (!c || !get_params(env, argv[1], &p) || !get_dict_spec(env, argv[2], argv[3], argv[4], &d)) return NULL;
  size_t r = compress_setup(c->cctx, &p, &d);
  if (ZSTD_isError(r)) {
    throw_zstd(env, r);
    return NULL;
  }
  return NULL;
}

/* cctxSetDict(ctx, dictKind, dictArg, contentType): re-attach a (prefix) dictionary for the next frame. */
static napi_value js_cctx_set_dict(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  cstream *c = get_cstream(env, argv[0]);
  dict_spec d;
  if (!c || !get_dict_spec(env, argv[1], argv[2], argv[3], &d)) return NULL;
  size_t r = cctx_apply_dict(c->cctx, &d);
  if (ZSTD_isError(r)) throw_zstd(env, r);
  return NULL;
}

/* cctxCompress(ctx, src, endOp) -> Buffer: consumes all of src; for flush/end, drains completely. */
static napi_value js_cctx_compress(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  cstream *c = get_cstream(env, argv[0]);
  bytes src;
  if (!c || !get_bytes(env, argv[1], &src)) return NULL;
  ZSTD_EndDirective op = (ZSTD_EndDirective)get_int(env, argv[2]);
  instance *inst = get_instance(env);
  size_t cap = ZSTD_compressBound(src.len) + 1024;
  if (op == ZSTD_e_continue) cap = src.len / 2 + ZSTD_CStreamOutSize();
  uint8_t *buf = scratch(inst, cap);
  if (!buf) {
    throw_kind(env, KIND_NOMEM, "cannot allocate the compression buffer", 0);
    return NULL;
  }
  ZSTD_inBuffer in = {src.data, src.len, 0};
  ZSTD_outBuffer out = {buf, inst->scratch_cap, 0};
  for (;;) {
    size_t r = ZSTD_compressStream2(c->cctx, &out, &in, op);
    if (ZSTD_isError(r)) {
      ZSTD_CCtx_reset(c->cctx, ZSTD_reset_session_only);
      throw_zstd(env, r);
      return NULL;
    }
    int done = op == ZSTD_e_continue ? in.pos == in.size : r == 0;
    if (done) break;
    if (out.pos == out.size) {
      buf = scratch(inst, out.size * 2);
      if (!buf) {
        ZSTD_CCtx_reset(c->cctx, ZSTD_reset_session_only);
        throw_kind(env, KIND_NOMEM, "cannot allocate the compression buffer", 0);
        return NULL;
      }
      out.dst = buf;
      out.size = inst->scratch_cap;
    }
  }
  return make_buffer_copy(env, buf, out.pos);
}

static napi_value js_cctx_reset(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  cstream *c = get_cstream(env, argv[0]);
  if (c) ZSTD_CCtx_reset(c->cctx, ZSTD_reset_session_only);
  return NULL;
}

/* cctxSetPledgedSize(ctx, size) with size < 0 meaning unknown. */
static napi_value js_cctx_set_pledged(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  cstream *c = get_cstream(env, argv[0]);
  if (!c) return NULL;
  double n = get_double(env, argv[1]);
  unsigned long long size = n < 0 ? ZSTD_CONTENTSIZE_UNKNOWN : (unsigned long long)n;
  size_t r = ZSTD_CCtx_setPledgedSrcSize(c->cctx, size);
  if (ZSTD_isError(r)) throw_zstd(env, r);
  return NULL;
}

/* ---------- streaming decompression context -------------------------------------------------------- */

typedef struct dstream {
  ZSTD_DCtx *dctx;
} dstream;

static void finalize_dstream(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  dstream *s = (dstream *)data;
  ZSTD_freeDCtx(s->dctx);
  free(s);
}

static napi_value js_dctx_create(napi_env env, napi_callback_info info) {
  (void)info;
  dstream *s = (dstream *)calloc(1, sizeof *s);
  if (!s || !(s->dctx = ZSTD_createDCtx())) {
    free(s);
    throw_kind(env, KIND_NOMEM, "cannot allocate a decompression context", 0);
    return NULL;
  }
  napi_value ext;
  CHECK(napi_create_external(env, s, finalize_dstream, NULL, &ext));
  return ext;
}

static dstream *get_dstream(napi_env env, napi_value v) {
  void *p = NULL;
  if (napi_get_value_external(env, v, &p) != napi_ok || !p) {
    throw_kind(env, KIND_ARG, "ts314_zstd: expected a decompression context", 0);
    return NULL;
  }
  return (dstream *)p;
}

/* dctxConfigure(ctx, params, dictKind, dictArg, contentType) */
static napi_value js_dctx_configure(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  dstream *s = get_dstream(env, argv[0]);
  params p;
  dict_spec d;
  if (!s || !get_params(env, argv[1], &p) || !get_dict_spec(env, argv[2], argv[3], argv[4], &d)) return NULL;
  size_t r = decompress_setup(s->dctx, &p, &d);
  if (ZSTD_isError(r)) throw_zstd(env, r);
  return NULL;
}

/* dctxSetDict(ctx, dictKind, dictArg, contentType): for the next frame (prefixes last one frame). */
static napi_value js_dctx_set_dict(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  dstream *s = get_dstream(env, argv[0]);
  dict_spec d;
  if (!s || !get_dict_spec(env, argv[1], argv[2], argv[3], &d)) return NULL;
  size_t r = dctx_apply_dict(s->dctx, &d);
  if (ZSTD_isError(r)) throw_zstd(env, r);
  return NULL;
}

/* dctxDecompress(ctx, src, maxLength) -> [Buffer, consumed, frameEnded]
 * Decodes at most one frame: stops at its end (consumed tells where), when `src` is used up, or when
 * `maxLength` bytes (< 0: unlimited) are out. */
static napi_value js_dctx_decompress(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  dstream *s = get_dstream(env, argv[0]);
  bytes src;
  if (!s || !get_bytes(env, argv[1], &src)) return NULL;
  double maxd = get_double(env, argv[2]);
  size_t max_out = maxd < 0 || maxd >= 9007199254740991.0 ? SIZE_MAX : (size_t)maxd;
  instance *inst = get_instance(env);
  size_t cap = src.len * 4;
  if (cap < ZSTD_DStreamOutSize()) cap = ZSTD_DStreamOutSize();
  if (cap > max_out) cap = max_out;
  uint8_t *buf = scratch(inst, cap ? cap : 1);
  if (!buf) {
    throw_kind(env, KIND_NOMEM, "cannot allocate the decompression buffer", 0);
    return NULL;
  }
  ZSTD_inBuffer in = {src.data, src.len, 0};
  ZSTD_outBuffer out = {buf, inst->scratch_cap < max_out ? inst->scratch_cap : max_out, 0};
  int ended = 0;
  for (;;) {
    if (out.pos == out.size) {
      if (out.size >= max_out) break;
      size_t want = out.size * 2;
      if (want > max_out) want = max_out;
      buf = scratch(inst, want);
      if (!buf) {
        throw_kind(env, KIND_NOMEM, "cannot allocate the decompression buffer", 0);
        return NULL;
      }
      out.dst = buf;
      out.size = inst->scratch_cap < max_out ? inst->scratch_cap : max_out;
    }
    size_t r = ZSTD_decompressStream(s->dctx, &out, &in);
    if (ZSTD_isError(r)) {
      ZSTD_DCtx_reset(s->dctx, ZSTD_reset_session_only);
      throw_zstd(env, r);
      return NULL;
    }
    if (r == 0) {
      ended = 1;
      break;
    }
    if (in.pos == in.size && out.pos < out.size) break;
  }
  napi_value result, v;
  CHECK(napi_create_array_with_length(env, 3, &result));
  v = make_buffer_copy(env, buf, out.pos);
  if (!v) return NULL;
  CHECK(napi_set_element(env, result, 0, v));
  CHECK(napi_create_double(env, (double)in.pos, &v));
  CHECK(napi_set_element(env, result, 1, v));
  CHECK(napi_get_boolean(env, ended, &v));
  CHECK(napi_set_element(env, result, 2, v));
  return result;
}

static napi_value js_dctx_reset(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  dstream *s = get_dstream(env, argv[0]);
  if (s) ZSTD_DCtx_reset(s->dctx, ZSTD_reset_session_only);
  return NULL;
}

/* ---------- training ------------------------------------------------------------------------------- */

static size_t *get_sizes(napi_env env, napi_value v, size_t *count, size_t total) {
  napi_typedarray_type type;
  size_t length;
  void *data;
  napi_value ab;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, &ab, &offset) != napi_ok || type != napi_float64_array) {
    throw_kind(env, KIND_ARG, "ts314_zstd: sample sizes must be a Float64Array", 0);
    return NULL;
  }
  size_t *sizes = (size_t *)malloc((length ? length : 1) * sizeof(size_t));
  size_t sum = 0;
  for (size_t i = 0; i < length; i++) {
    sizes[i] = (size_t)((double *)data)[i];
    sum += sizes[i];
  }
  if (sum != total) {
    free(sizes);
    throw_kind(env, KIND_ARG, "ts314_zstd: sample sizes do not add up to the sample bytes", 0);
    return NULL;
  }
  *count = length;
  return sizes;
}

/* trainDict(samples, sizes, dictSize) -> Buffer */
static napi_value js_train_dict(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bytes samples;
  if (!get_bytes(env, argv[0], &samples)) return NULL;
  size_t count;
  size_t *sizes = get_sizes(env, argv[1], &count, samples.len);
  if (!sizes) return NULL;
  size_t cap = (size_t)get_double(env, argv[2]);
  uint8_t *dict = (uint8_t *)malloc(cap ? cap : 1);
  if (!dict) {
    free(sizes);
    throw_kind(env, KIND_NOMEM, "cannot allocate the dictionary buffer", 0);
    return NULL;
  }
  size_t r = ZDICT_trainFromBuffer(dict, cap, samples.data, sizes, (unsigned)count);
  free(sizes);
  if (ZDICT_isError(r)) {
    free(dict);
    throw_zstd(env, r);
    return NULL;
  }
  napi_value out = make_buffer_copy(env, dict, r);
  free(dict);
  return out;
}

/* finalizeDict(content, samples, sizes, dictSize, level) -> Buffer */
static napi_value js_finalize_dict(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bytes content, samples;
  if (!get_bytes(env, argv[0], &content) || !get_bytes(env, argv[1], &samples)) return NULL;
  size_t count;
  size_t *sizes = get_sizes(env, argv[2], &count, samples.len);
  if (!sizes) return NULL;
  size_t cap = (size_t)get_double(env, argv[3]);
  ZDICT_params_t zp;
  memset(&zp, 0, sizeof zp);
  zp.compressionLevel = get_int(env, argv[4]);
  uint8_t *dict = (uint8_t *)malloc(cap ? cap : 1);
  if (!dict) {
    free(sizes);
    throw_kind(env, KIND_NOMEM, "cannot allocate the dictionary buffer", 0);
    return NULL;
  }
  size_t r = ZDICT_finalizeDictionary(dict, cap, content.data, content.len, samples.data, sizes, (unsigned)count, zp);
  free(sizes);
  if (ZDICT_isError(r)) {
    free(dict);
    throw_zstd(env, r);
    return NULL;
  }
  napi_value out = make_buffer_copy(env, dict, r);
  free(dict);
  return out;
}

/* ---------- frames, bounds, version ---------------------------------------------------------------- */

/* frameInfo(src) -> [contentSize (-1 unknown), dictId] */
static napi_value js_frame_info(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bytes src;
  if (!get_bytes(env, argv[0], &src)) return NULL;
  unsigned long long size = ZSTD_getFrameContentSize(src.data, src.len);
  if (size == ZSTD_CONTENTSIZE_ERROR) {
    throw_kind(env, "frameinfo",
               "Error when getting information from the header of a zstd frame. Make sure the frame_buffer argument "
               "starts from the beginning of a frame, and its length not less than the frame header (6~18 bytes).",
               0);
    return NULL;
  }
  napi_value result, v;
  CHECK(napi_create_array_with_length(env, 2, &result));
  CHECK(napi_create_double(env, size == ZSTD_CONTENTSIZE_UNKNOWN ? -1.0 : (double)size, &v));
  CHECK(napi_set_element(env, result, 0, v));
  CHECK(napi_create_uint32(env, ZSTD_getDictID_fromFrame(src.data, src.len), &v));
  CHECK(napi_set_element(env, result, 1, v));
  return result;
}

static napi_value js_frame_size(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bytes src;
  if (!get_bytes(env, argv[0], &src)) return NULL;
  size_t r = ZSTD_findFrameCompressedSize(src.data, src.len);
  if (ZSTD_isError(r)) {
    throw_zstd(env, r);
    return NULL;
  }
  CHECK(napi_create_double(env, (double)r, &out));
  return out;
}

/* paramBounds(isCompression, param) -> [lo, hi] */
static napi_value js_param_bounds(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bool is_c = false;
  napi_get_value_bool(env, argv[0], &is_c);
  int param = get_int(env, argv[1]);
  ZSTD_bounds b = is_c ? ZSTD_cParam_getBounds((ZSTD_cParameter)param) : ZSTD_dParam_getBounds((ZSTD_dParameter)param);
  if (ZSTD_isError(b.error)) {
    throw_zstd(env, b.error);
    return NULL;
  }
  napi_value result, v;
  CHECK(napi_create_array_with_length(env, 2, &result));
  CHECK(napi_create_int32(env, b.lowerBound, &v));
  CHECK(napi_set_element(env, result, 0, v));
  CHECK(napi_create_int32(env, b.upperBound, &v));
  CHECK(napi_set_element(env, result, 1, v));
  return result;
}

static napi_value js_error_name(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_create_string_utf8(env, ZSTD_getErrorString((ZSTD_ErrorCode)get_int(env, argv[0])), NAPI_AUTO_LENGTH, &out));
  return out;
}

/* ---------- module --------------------------------------------------------------------------------- */

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
  instance *inst = (instance *)calloc(1, sizeof *inst);
  if (!inst || !(inst->cctx = ZSTD_createCCtx()) || !(inst->dctx = ZSTD_createDCtx())) {
    napi_throw_error(env, NULL, "ts314_zstd: cannot allocate zstd contexts");
    return NULL;
  }
  napi_set_instance_data(env, inst, finalize_instance, NULL);
  napi_property_descriptor fns[] = {
      {"compress", NULL, js_compress, NULL, NULL, NULL, napi_default, NULL},
      {"decompress", NULL, js_decompress, NULL, NULL, NULL, napi_default, NULL},
      {"compressAsync", NULL, js_compress_async, NULL, NULL, NULL, napi_default, NULL},
      {"decompressAsync", NULL, js_decompress_async, NULL, NULL, NULL, napi_default, NULL},
      {"cctxCreate", NULL, js_cctx_create, NULL, NULL, NULL, napi_default, NULL},
      {"cctxConfigure", NULL, js_cctx_configure, NULL, NULL, NULL, napi_default, NULL},
      {"cctxSetDict", NULL, js_cctx_set_dict, NULL, NULL, NULL, napi_default, NULL},
      {"cctxCompress", NULL, js_cctx_compress, NULL, NULL, NULL, napi_default, NULL},
      {"cctxReset", NULL, js_cctx_reset, NULL, NULL, NULL, napi_default, NULL},
      {"cctxSetPledgedSize", NULL, js_cctx_set_pledged, NULL, NULL, NULL, napi_default, NULL},
      {"dctxCreate", NULL, js_dctx_create, NULL, NULL, NULL, napi_default, NULL},
      {"dctxConfigure", NULL, js_dctx_configure, NULL, NULL, NULL, napi_default, NULL},
      {"dctxSetDict", NULL, js_dctx_set_dict, NULL, NULL, NULL, napi_default, NULL},
      {"dctxDecompress", NULL, js_dctx_decompress, NULL, NULL, NULL, napi_default, NULL},
      {"dctxReset", NULL, js_dctx_reset, NULL, NULL, NULL, napi_default, NULL},
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
