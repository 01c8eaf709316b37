/* ts314_lzma: liblzma (XZ Utils, the library behind the `xz` CLI) exposed as streaming encoder/decoder
 * handles for ts314/compression/lzma: .xz, legacy .lzma ("alone") and raw filter chains. */
#include <stdio.h>
#include <lzma.h>
#include "../common/codec_stream.h"

enum { FORMAT_AUTO = 0, FORMAT_XZ = 1, FORMAT_ALONE = 2, FORMAT_RAW = 3 };
/* Slots per filter in the BigInt64Array the TypeScript layer sends; -1 means "not given". */
enum { F_ID, F_PRESET, F_DICT_SIZE, F_LC, F_LP, F_PB, F_MODE, F_NICE_LEN, F_MF, F_DEPTH, F_DIST, F_START_OFFSET, F_SLOTS };

typedef struct lzma_state {
  lzma_stream s;
  lzma_filter filters[LZMA_FILTERS_MAX + 1];
  void *options[LZMA_FILTERS_MAX];
} lzma_state;

static void lzma_state_free(void *p) {
  lzma_state *st = (lzma_state *)p;
  lzma_end(&st->s);
  for (int i = 0; i < LZMA_FILTERS_MAX; i++) free(st->options[i]);
  free(st);
}

static int lzma_error(lzma_ret rc, codec_step_result *res) {
  switch (rc) {
    case LZMA_MEM_ERROR:
      res->err_code = "NO_MEMORY";
      res->err_msg = "liblzma ran out of memory";
      break;
    case LZMA_MEMLIMIT_ERROR:
      res->err_code = "MEMORY_LIMIT";
      res->err_msg = "decoding needs more memory than the memlimit allows";
      break;
    case LZMA_FORMAT_ERROR:
      res->err_code = "FORMAT";
      res->err_msg = "input format not supported by decoder (not .xz/.lzma data, or the wrong format option)";
      break;
    case LZMA_OPTIONS_ERROR:
      res->err_code = "OPTIONS";
      res->err_msg = "invalid or unsupported options (filter chain, check or header flags)";
      break;
    case LZMA_DATA_ERROR:
      res->err_code = "CORRUPT";
      res->err_msg = "corrupt input data (integrity check or structure failed)";
      break;
    case LZMA_UNSUPPORTED_CHECK:
      res->err_code = "OPTIONS";
      res->err_msg = "unsupported integrity check";
      break;
    default:
      res->err_code = "INTERNAL";
      res->err_msg = "liblzma reported an unexpected error";
      break;
  }
  return STEP_ERROR;
}

static int lzma_step(void *p, const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len, int finish,
                     codec_step_result *res) {
  lzma_state *st = (lzma_state *)p;
  st->s.next_in = in;
  st->s.avail_in = in_len;
  st->s.next_out = out;
  st->s.avail_out = out_len;
  lzma_ret rc = lzma_code(&st->s, finish ? LZMA_FINISH : LZMA_RUN);
  res->in_used = in_len - st->s.avail_in;
  res->out_used = out_len - st->s.avail_out;
  switch (rc) {
    case LZMA_OK:
    case LZMA_NO_CHECK:
    case LZMA_GET_CHECK:
      return STEP_OK;
    case LZMA_STREAM_END:
      return STEP_END;
    case LZMA_BUF_ERROR:
      /* No progress possible: the decoder wants input that is not there (truncated data). */
      return STEP_STALLED;
    default:
      return lzma_error(rc, res);
  }
}

static napi_value throw_ret(napi_env env, lzma_ret rc, const char *what) {
  codec_step_result res = {0, 0, NULL, NULL, 0, 0};
  lzma_error(rc, &res);
  char msg[256];
  snprintf(msg, sizeof msg, "%s: %s", what, res.err_msg);
  napi_throw_error(env, res.err_code, msg);
  return NULL;
}

/* Builds a filter chain from the flattened slots; returns 0 after throwing. */
static int parse_filters(napi_env env, napi_value arr, lzma_state *st) {
  bool is_typed = false;
  napi_is_typedarray(env, arr, &is_typed);
  if (!is_typed) {
    napi_throw_type_error(env, "OPTIONS", "filters must be a BigInt64Array");
    return 0;
  }
  napi_typedarray_type type;
  size_t length;
  void *data;
  napi_get_typedarray_info(env, arr, &type, &length, &data, NULL, NULL);
  if (type != napi_bigint64_array || length % F_SLOTS != 0) {
    napi_throw_type_error(env, "OPTIONS", "filters must be a BigInt64Array of whole filter records");
    return 0;
  }
  size_t n = length / F_SLOTS;
  if (n == 0 || n > LZMA_FILTERS_MAX) {
    napi_throw_range_error(env, "OPTIONS", "a filter chain has 1 to 4 filters");
    return 0;
  }
  const int64_t *v = (const int64_t *)data;
  for (size_t i = 0; i < n; i++) {
    const int64_t *f = v + i * F_SLOTS;
    lzma_vli id = (lzma_vli)f[F_ID];
    st->filters[i].id = id;
    if (id == LZMA_FILTER_LZMA1 || id == LZMA_FILTER_LZMA2) {
      lzma_options_lzma *o = (lzma_options_lzma *)calloc(1, sizeof(lzma_options_lzma));
      st->options[i] = o;
      uint32_t preset = f[F_PRESET] >= 0 ? (uint32_t)f[F_PRESET] : LZMA_PRESET_DEFAULT;
      if (!o || lzma_lzma_preset(o, preset)) {
        napi_throw_range_error(env, "OPTIONS", "invalid compression preset in filter");
        return 0;
      }
      if (f[F_DICT_SIZE] >= 0) o->dict_size = (uint32_t)f[F_DICT_SIZE];
      if (f[F_LC] >= 0) o->lc = (uint32_t)f[F_LC];
      if (f[F_LP] >= 0) o->lp = (uint32_t)f[F_LP];
      if (f[F_PB] >= 0) o->pb = (uint32_t)f[F_PB];
      if (f[F_MODE] >= 0) o->mode = (lzma_mode)f[F_MODE];
      if (f[F_NICE_LEN] >= 0) o->nice_len = (uint32_t)f[F_NICE_LEN];
      if (f[F_MF] >= 0) o->mf = (lzma_match_finder)f[F_MF];
      if (f[F_DEPTH] >= 0) o->depth = (uint32_t)f[F_DEPTH];
      st->filters[i].options = o;
    } else if (id == LZMA_FILTER_DELTA) {
      lzma_options_delta *o = (lzma_options_delta *)calloc(1, sizeof(lzma_options_delta));
      st->options[i] = o;
      if (!o) return 0;
      o->type = LZMA_DELTA_TYPE_BYTE;
      o->dist = f[F_DIST] >= 0 ? (uint32_t)f[F_DIST] : 1;
      st->filters[i].options = o;
    } else {
      /* Branch/call/jump filters (x86, ARM …): only an optional start offset. */
      if (f[F_START_OFFSET] >= 0) {
        lzma_options_bcj *o = (lzma_options_bcj *)calloc(1, sizeof(lzma_options_bcj));
        st->options[i] = o;
        if (!o) return 0;
        o->start_offset = (uint32_t)f[F_START_OFFSET];
        st->filters[i].options = o;
      } else {
        st->filters[i].options = NULL;
      }
    }
  }
  st->filters[n].id = LZMA_VLI_UNKNOWN;
  return 1;
}

static lzma_state *new_state(napi_env env) {
  lzma_state *st = (lzma_state *)calloc(1, sizeof(lzma_state));
  if (!st) {
    napi_throw_error(env, "NO_MEMORY", "out of memory");
    return NULL;
  }
  lzma_stream init = LZMA_STREAM_INIT;
  st->s = init;
  st->filters[0].id = LZMA_VLI_UNKNOWN;
  return st;
}

/* createEncoder(format, check, preset, filters | null) */
static napi_value create_encoder(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int64_t format, check, preset;
  if (argc < 4 || !cs_get_int(env, argv[0], &format) || !cs_get_int(env, argv[1], &check) ||
      !cs_get_int(env, argv[2], &preset)) {
    napi_throw_type_error(env, "ERR_TS314_ARGS", "createEncoder(format, check, preset, filters)");
    return NULL;
  }
  napi_valuetype ft;
  napi_typeof(env, argv[3], &ft);
  lzma_state *st = new_state(env);
  if (!st) return NULL;
  int has_filters = ft != napi_null && ft != napi_undefined;
  if (has_filters && !parse_filters(env, argv[3], st)) {
    lzma_state_free(st);
    return NULL;
  }
  lzma_ret rc;
  if (format == FORMAT_XZ) {
    rc = has_filters ? lzma_stream_encoder(&st->s, st->filters, (lzma_check)check)
                     : lzma_easy_encoder(&st->s, (uint32_t)preset, (lzma_check)check);
  } else if (format == FORMAT_ALONE) {
    lzma_options_lzma fallback;
    const lzma_options_lzma *opts = NULL;
    if (has_filters) {
      if (st->filters[0].id != LZMA_FILTER_LZMA1 || st->filters[1].id != LZMA_VLI_UNKNOWN) {
        lzma_state_free(st);
        napi_throw_range_error(env, "OPTIONS", "FORMAT_ALONE takes exactly one filter, FILTER_LZMA1");
        return NULL;
      }
      opts = (const lzma_options_lzma *)st->filters[0].options;
    } else {
      if (lzma_lzma_preset(&fallback, (uint32_t)preset)) {
        lzma_state_free(st);
        napi_throw_range_error(env, "OPTIONS", "invalid compression preset");
        return NULL;
      }
      opts = &fallback;
    }
    rc = lzma_alone_encoder(&st->s, opts);
  } else if (format == FORMAT_RAW) {
    if (!has_filters) {
      lzma_state_free(st);
      napi_throw_range_error(env, "OPTIONS", "FORMAT_RAW needs a filter chain (filters option)");
      return NULL;
    }
    rc = lzma_raw_encoder(&st->s, st->filters);
  } else {
    lzma_state_free(st);
    napi_throw_range_error(env, "OPTIONS", "invalid container format for compression");
    return NULL;
  }
  if (rc != LZMA_OK) {
    lzma_state_free(st);
    return throw_ret(env, rc, "cannot initialise the encoder");
  }
  return cs_wrap_handle(env, st, lzma_step, lzma_state_free);
}

/* createDecoder(format, memlimit (-1 = none), filters | null) */
static napi_value create_decoder(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int64_t format, memlimit;
  if (argc < 3 || !cs_get_int(env, argv[0], &format) || !cs_get_int(env, argv[1], &memlimit)) {
    napi_throw_type_error(env, "ERR_TS314_ARGS", "createDecoder(format, memlimit, filters)");
    return NULL;
  }
  uint64_t limit = memlimit < 0 ? UINT64_MAX : (uint64_t)memlimit;
  napi_valuetype ft;
  napi_typeof(env, argv[2], &ft);
  lzma_state *st = new_state(env);
  if (!st) return NULL;
  int has_filters = ft != napi_null && ft != napi_undefined;
  if (has_filters && !parse_filters(env, argv[2], st)) {
    lzma_state_free(st);
    return NULL;
  }
  lzma_ret rc;
  /* No LZMA_TELL_* flags: they make lzma_code stop without progress to report the check type, which
   * ts314 does not expose; multi-stream input is handled by the TypeScript layer, as CPython does. */
  uint32_t flags = 0;
  switch (format) {
    case FORMAT_AUTO: rc = lzma_auto_decoder(&st->s, limit, flags); break;
    case FORMAT_XZ: rc = lzma_stream_decoder(&st->s, limit, flags); break;
    case FORMAT_ALONE: rc = lzma_alone_decoder(&st->s, limit); break;
    case FORMAT_RAW:
      if (!has_filters) {
        lzma_state_free(st);
        napi_throw_range_error(env, "OPTIONS", "FORMAT_RAW needs a filter chain (filters option)");
        return NULL;
      }
      rc = lzma_raw_decoder(&st->s, st->filters);
      break;
    default:
      lzma_state_free(st);
      napi_throw_range_error(env, "OPTIONS", "invalid container format");
      return NULL;
  }
  if (rc != LZMA_OK) {
    lzma_state_free(st);
    return throw_ret(env, rc, "cannot initialise the decoder");
  }
  return cs_wrap_handle(env, st, lzma_step, lzma_state_free);
}

static napi_value is_check_supported(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result;
  int64_t check = -1;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc < 1 || !cs_get_int(env, argv[0], &check)) check = -1;
  napi_get_boolean(env, check >= 0 && check <= LZMA_CHECK_ID_MAX && lzma_check_is_supported((lzma_check)check), &result);
  return result;
}

static napi_value init(napi_env env, napi_value exports) {
  cs_export_fn(env, exports, "createEncoder", create_encoder);
  cs_export_fn(env, exports, "createDecoder", create_decoder);
  cs_export_fn(env, exports, "run", cs_run_sync);
  cs_export_fn(env, exports, "runAsync", cs_run_async);
  cs_export_fn(env, exports, "isCheckSupported", is_check_supported);
  cs_export_str(env, exports, "version", lzma_version_string());
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
