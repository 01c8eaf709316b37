/* ts314_zstd argument marshalling: Uint8Array input, Int32Array parameter pairs, numbers, and output Buffers. */
#include "zstd_addon.h"

int get_bytes(napi_env env, napi_value v, bytes *out) {
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

int is_nullish(napi_env env, napi_value v) {
  napi_valuetype t;
  napi_typeof(env, v, &t);
  return t == napi_null || t == napi_undefined;
}

/* Parameters travel as an Int32Array of (parameter, value) pairs. */
int get_params(napi_env env, napi_value v, params *out) {
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

double get_double(napi_env env, napi_value v) {
  double d = 0;
  napi_get_value_double(env, v, &d);
  return d;
}

int32_t get_int(napi_env env, napi_value v) {
  int32_t i = 0;
  napi_get_value_int32(env, v, &i);
  return i;
}

napi_value make_buffer_copy(napi_env env, const void *data, size_t len) {
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
napi_value adopt_buffer(napi_env env, uint8_t *data, size_t len) {
  napi_value buf;
  if (len > 0 && napi_create_external_buffer(env, len, data, free_malloced, NULL, &buf) == napi_ok) return buf;
  buf = make_buffer_copy(env, data, len);
  free(data);
  return buf;
}
