/* ts314_zstd inspection: frame headers and sizes, parameter bounds and error names, straight from libzstd. */
#include "zstd_addon.h"

/* frameInfo(src) -> [contentSize (-1 unknown), dictId] */
napi_value js_frame_info(napi_env env, napi_callback_info info) {
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

napi_value js_frame_size(napi_env env, napi_callback_info info) {
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
napi_value js_param_bounds(napi_env env, napi_callback_info info) {
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

napi_value js_error_name(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_create_string_utf8(env, ZSTD_getErrorString((ZSTD_ErrorCode)get_int(env, argv[0])), NAPI_AUTO_LENGTH, &out));
  return out;
}
