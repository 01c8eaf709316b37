/* The ceiling for ts314's zstd routes: libzstd called from C on the same vendored 1.5.7 sources, compiled with the
 * addon's flags (bench/compression/zstd-c-loop.ts builds it). One context and one output buffer are reused, as
 * `zstd -b` does. Usage: zstd-c-loop FILE LEVEL MILLISECONDS; prints "<compress MB/s> <decompress MB/s>" by the
 * wall clock, then the same two rates by this process's CPU time (which time spent preempted does not count). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "zstd.h"

static double seconds(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc != 4) return 2;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 2;
  fseek(f, 0, SEEK_END);
  size_t n = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  char *src = malloc(n), *frame = malloc(ZSTD_compressBound(n)), *back = malloc(n);
  if (!src || !frame || !back || fread(src, 1, n, f) != n) return 2;
  fclose(f);
  int level = atoi(argv[2]);
  double window = atof(argv[3]) / 1000;
  ZSTD_CCtx *cctx = ZSTD_createCCtx();
  ZSTD_DCtx *dctx = ZSTD_createDCtx();
  size_t size = ZSTD_compressCCtx(cctx, frame, ZSTD_compressBound(n), src, n, level);
  if (ZSTD_isError(size)) return 1;
  double rates[2], cpu_rates[2];
  for (int pass = 0; pass < 2; pass++) {
    long calls = 0;
    double start = seconds(CLOCK_MONOTONIC), cpu_start = seconds(CLOCK_PROCESS_CPUTIME_ID), elapsed;
    do {
      size_t r = pass == 0 ? ZSTD_compressCCtx(cctx, frame, ZSTD_compressBound(n), src, n, level)
                           : ZSTD_decompressDCtx(dctx, back, n, frame, size);
      if (ZSTD_isError(r)) return 1;
      calls++;
      elapsed = seconds(CLOCK_MONOTONIC) - start;
    } while (elapsed < window);
    rates[pass] = (double)calls * (double)n / 1e6 / elapsed;
    cpu_rates[pass] = (double)calls * (double)n / 1e6 / (seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_start);
  }
  printf("%.1f %.1f %.1f %.1f\n", rates[0], rates[1], cpu_rates[0], cpu_rates[1]);
  return 0;
}
