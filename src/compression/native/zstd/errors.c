/* ts314_zstd errors: JavaScript Error objects tagged with the kind (and libzstd code) the TypeScript layer maps to ZstdError codes. */
#include "zstd_addon.h"

void throw_kind(napi_env env, const char *kind, const char *msg, int zcode) {
  napi_value message, error, v;
  if (napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &message) != napi_ok) return;
  if (napi_create_error(env, NULL, message, &error) != napi_ok) return;
  napi_create_string_utf8(env, kind, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, error, "zstdKind", v);
  napi_create_int32(env, zcode, &v);
  napi_set_named_property(env, error, "zstdCode", v);
  napi_throw(env, error);
}

napi_value make_error(napi_env env, const char *kind, const char *msg, int zcode) {
  napi_value message, error, v;
  napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &message);
  napi_create_error(env, NULL, message, &error);
  napi_create_string_utf8(env, kind, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, error, "zstdKind", v);
  napi_create_int32(env, zcode, &v);
  napi_set_named_property(env, error, "zstdCode", v);
  return error;
}

void throw_zstd(napi_env env, size_t code) {
  throw_kind(env, KIND_ZSTD, ZSTD_getErrorName(code), (int)ZSTD_getErrorCode(code));
}

void set_zstd_err(outcome *o, size_t code) {
  o->kind = KIND_ZSTD;
  o->msg = ZSTD_getErrorName(code);
  o->zcode = (int)ZSTD_getErrorCode(code);
}
