/* ts314_zstd dictionaries: digested CDict/DDict handles, dictionary ids, and attaching a dictionary to a context. */
#include "zstd_addon.h"

static void finalize_dict(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  dict_handle *d = (dict_handle *)data;
  if (d->cdict) ZSTD_freeCDict(d->cdict);
  if (d->ddict) ZSTD_freeDDict(d->ddict);
  free(d);
}

/* createCDict(content, contentType, level) -> handle */
napi_value js_create_cdict(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bytes content;
  if (!get_bytes(env, argv[0], &content)) return NULL;
  int type = get_int(env, argv[1]);
  int level = get_int(env, argv[2]);
  /* ZSTD_createCDict for auto content, as CPython does: it picks the parameters for building a CDict and records
   * the level, which the _advanced form does not — and both show in the frames compressed with it. */
  ZSTD_CDict *cd = type == ZSTD_dct_auto
                       ? ZSTD_createCDict(content.data, content.len, level)
                       : ZSTD_createCDict_advanced(content.data, content.len, ZSTD_dlm_byCopy, (ZSTD_dictContentType_e)type,
                                                   ZSTD_getCParams(level, ZSTD_CONTENTSIZE_UNKNOWN, content.len), ZSTD_defaultCMem);
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
napi_value js_create_ddict(napi_env env, napi_callback_info info) {
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

napi_value js_dict_id(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  bytes content;
  if (!get_bytes(env, argv[0], &content)) return NULL;
  CHECK(napi_create_uint32(env, ZSTD_getDictID_fromDict(content.data, content.len), &out));
  return out;
}


int get_dict_spec(napi_env env, napi_value kind, napi_value arg, napi_value type, dict_spec *out) {
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

size_t cctx_apply_dict(ZSTD_CCtx *cctx, const dict_spec *d) {
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

size_t dctx_apply_dict(ZSTD_DCtx *dctx, const dict_spec *d) {
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
