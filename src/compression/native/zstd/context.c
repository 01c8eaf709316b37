/* ts314_zstd context setup: a full reset, then the (parameter, value) pairs, then the dictionary. */
#include "zstd_addon.h"

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

size_t compress_setup(ZSTD_CCtx *cctx, const params *p, const dict_spec *d) {
  ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters);
  size_t r = cctx_apply_params(cctx, p->pairs, p->count);
  if (ZSTD_isError(r)) return r;
  return cctx_apply_dict(cctx, d);
}

size_t decompress_setup(ZSTD_DCtx *dctx, const params *p, const dict_spec *d) {
  ZSTD_DCtx_reset(dctx, ZSTD_reset_session_and_parameters);
  size_t r = dctx_apply_params(dctx, p->pairs, p->count);
  if (ZSTD_isError(r)) return r;
  return dctx_apply_dict(dctx, d);
}
