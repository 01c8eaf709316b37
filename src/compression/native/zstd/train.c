/* ts314_zstd dictionary training: ZDICT_trainFromBuffer and ZDICT_finalizeDictionary over concatenated samples. */
#include "zstd_addon.h"

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
napi_value js_train_dict(napi_env env, napi_callback_info info) {
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
napi_value js_finalize_dict(napi_env env, napi_callback_info info) {
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
