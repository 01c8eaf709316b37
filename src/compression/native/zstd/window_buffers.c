/* ts314_zstd window buffers: a reused decompression context behaves as the new one CPython makes for every frame.
 * libzstd keeps a streaming context's window buffers while they are big enough; a new context sizes them for
 * the frame at hand, and that size decides which damage the decoder catches (a match reaching back past the
 * window, a block larger than the room left). Reading the context's buffer sizes needs libzstd's internal
 * header: the vendored 1.5.7 sources are compiled into this addon, so its layout is the one used here. */
#include "zstd_addon.h"
#include "common/allocations.h"
#include "decompress/zstd_decompress_internal.h"

/* The window a streaming decoder sizes its buffer for: the header's, at least libzstd's minimum. */
static unsigned long long window_of(const ZSTD_frameHeader *h) {
  return h->windowSize < (1ULL << ZSTD_WINDOWLOG_ABSOLUTEMIN) ? 1ULL << ZSTD_WINDOWLOG_ABSOLUTEMIN : h->windowSize;
}

static void drop(ZSTD_DCtx *dctx) {
  ZSTD_customFree(dctx->inBuff, dctx->customMem);
  dctx->inBuff = NULL;
  dctx->outBuff = NULL;
  dctx->inBuffSize = 0;
  dctx->outBuffSize = 0;
}

void forget_window_buffers(ZSTD_DCtx *dctx) {
  if (dctx->inBuff) drop(dctx);
}

/* The sizes are those ZSTD_decompressStream computes from the header; buffers of exactly those sizes are kept,
 * so decoding the same kind of frame again does not reallocate. */
void fit_window_buffers(ZSTD_DCtx *dctx, const void *src, size_t len) {
  if (!dctx->inBuff) return;
  ZSTD_frameHeader h;
  if (ZSTD_getFrameHeader(&h, src, len) != 0 || h.frameType == ZSTD_skippableFrame) {
    drop(dctx);
    return;
  }
  unsigned long long window = window_of(&h);
  size_t need_in = h.blockSizeMax > 4 ? h.blockSizeMax : 4;
  size_t need_out = ZSTD_decodingBufferSize_min(window, h.frameContentSize);
  if (ZSTD_isError(need_out) || dctx->inBuffSize != need_in || dctx->outBuffSize != need_out) drop(dctx);
}

/* Whether the streaming decoder CPython uses would hold each frame of `src` whole in its window buffer, so
 * that its history is never cut by wrapping around: then libzstd's one-pass decoder, which keeps the whole
 * output as history, accepts exactly the frames it accepts, with the same bytes (a failure is re-run the
 * streaming way for CPython's reason). Every frame must declare its size and fit the default window limit
 * (one pass ignores it); decompression parameters (windowLogMax) and a prefix, which lasts one frame, rule
 * it out. */
int streaming_holds_every_frame(bytes src, const params *p, const dict_spec *d) {
  if (p->count > 0 || d->kind == DICT_PREFIX || src.len == 0) return 0;
  const uint8_t *at = (const uint8_t *)src.data;
  for (size_t left = src.len; left > 0;) {
    ZSTD_frameHeader h;
    size_t size = ZSTD_findFrameCompressedSize(at, left);
    if (ZSTD_getFrameHeader(&h, at, left) != 0 || ZSTD_isError(size)) return 0;
    if (h.frameType != ZSTD_skippableFrame) {
      unsigned long long window = window_of(&h);
      if (h.frameContentSize == ZSTD_CONTENTSIZE_UNKNOWN || window > (1ULL << ZSTD_WINDOWLOG_LIMIT_DEFAULT) + 1) return 0;
      size_t buffer = ZSTD_decodingBufferSize_min(window, h.frameContentSize);
      if (ZSTD_isError(buffer) || buffer < h.frameContentSize) return 0;
    }
    at += size;
    left -= size;
  }
  return 1;
}
