# Native addons of ts314, built by node-gyp from sources shipped in the package (no downloads).
# ts314_zstd: libzstd 1.5.7 vendored in src/compression/native/vendor/zstd (see its README.md).
{
  'targets': [
    {
      'target_name': 'ts314_zstd',
      'sources': [
        'src/compression/native/zstd/addon.c',
        'src/compression/native/zstd/one_shot.c',
        'src/compression/native/zstd/stream.c',
        'src/compression/native/zstd/dict.c',
        'src/compression/native/zstd/train.c',
        'src/compression/native/zstd/inspect.c',
        'src/compression/native/zstd/context.c',
        'src/compression/native/zstd/errors.c',
        'src/compression/native/zstd/marshal.c',
        'src/compression/native/vendor/zstd/lib/common/debug.c',
        'src/compression/native/vendor/zstd/lib/common/entropy_common.c',
        'src/compression/native/vendor/zstd/lib/common/error_private.c',
        'src/compression/native/vendor/zstd/lib/common/fse_decompress.c',
        'src/compression/native/vendor/zstd/lib/common/pool.c',
        'src/compression/native/vendor/zstd/lib/common/threading.c',
        'src/compression/native/vendor/zstd/lib/common/xxhash.c',
        'src/compression/native/vendor/zstd/lib/common/zstd_common.c',
        'src/compression/native/vendor/zstd/lib/compress/fse_compress.c',
        'src/compression/native/vendor/zstd/lib/compress/hist.c',
        'src/compression/native/vendor/zstd/lib/compress/huf_compress.c',
        'src/compression/native/vendor/zstd/lib/compress/zstd_compress.c',
        'src/compression/native/vendor/zstd/lib/compress/zstd_compress_literals.c',
        'src/compression/native/vendor/zstd/lib/compress/zstd_compress_sequences.c',
        'src/compression/native/vendor/zstd/lib/compress/zstd_compress_superblock.c',
        'src/compression/native/vendor/zstd/lib/compress/zstd_double_fast.c',
        'src/compression/native/vendor/zstd/lib/compress/zstd_fast.c',
        'src/compression/native/vendor/zstd/lib/compress/zstd_lazy.c',
        'src/compression/native/vendor/zstd/lib/compress/zstd_ldm.c',
        'src/compression/native/vendor/zstd/lib/compress/zstd_opt.c',
        'src/compression/native/vendor/zstd/lib/compress/zstd_preSplit.c',
        'src/compression/native/vendor/zstd/lib/compress/zstdmt_compress.c',
        'src/compression/native/vendor/zstd/lib/decompress/huf_decompress.c',
        'src/compression/native/vendor/zstd/lib/decompress/huf_decompress_amd64.S',
        'src/compression/native/vendor/zstd/lib/decompress/zstd_ddict.c',
        'src/compression/native/vendor/zstd/lib/decompress/zstd_decompress.c',
        'src/compression/native/vendor/zstd/lib/decompress/zstd_decompress_block.c',
        'src/compression/native/vendor/zstd/lib/dictBuilder/cover.c',
        'src/compression/native/vendor/zstd/lib/dictBuilder/divsufsort.c',
        'src/compression/native/vendor/zstd/lib/dictBuilder/fastcover.c',
        'src/compression/native/vendor/zstd/lib/dictBuilder/zdict.c',
      ],
      'include_dirs': ['src/compression/native/vendor/zstd/lib'],
      'defines': [
        # nbWorkers needs libzstd's own thread pool.
        'ZSTD_MULTITHREAD',
        'ZSTD_NO_TRACE',
        # Keeps xxhash symbols private to this addon so another copy of xxhash in the process cannot clash.
        'XXH_NAMESPACE=ZSTD_',
        'NAPI_VERSION=8',
      ],
      'cflags': ['-fvisibility=hidden', '-O3', '-pthread'],
      'cflags_c': ['-std=gnu11'],
      'ldflags': ['-pthread'],
      'conditions': [
        ['OS=="win"', {
          # MSVC cannot assemble GAS syntax; libzstd falls back to its C decoder loop.
          'sources!': ['src/compression/native/vendor/zstd/lib/decompress/huf_decompress_amd64.S'],
          'defines': ['ZSTD_DISABLE_ASM'],
        }],
        ['OS=="mac"', {
          'xcode_settings': { 'GCC_SYMBOLS_PRIVATE_EXTERN': 'YES', 'OTHER_CFLAGS': ['-O3'] },
        }],
      ],
    },
    # ts314_bz2 / ts314_lzma: the system's libbz2 and liblzma (the libraries the bzip2 and xz CLIs use).
    # Without their headers a stand-in is built, so zstd still installs and the codec reports itself unavailable.
    {
      'target_name': 'ts314_bz2',
      'variables': { 'ts314_has_bzlib': '<!(node src/compression/native/common/probe-header.cjs bzlib.h)' },
      'defines': ['NAPI_VERSION=8'],
      'cflags': ['-O2', '-fvisibility=hidden'],
      'conditions': [
        ['ts314_has_bzlib==1', {
          'sources': ['src/compression/native/bz2/bz2.c'],
          'libraries': ['-lbz2'],
        }, {
          'sources': ['src/compression/native/common/missing_library.c'],
          'defines': ['TS314_NEEDS_BZ2'],
        }],
      ],
    },
    {
      'target_name': 'ts314_lzma',
      'variables': { 'ts314_has_lzma': '<!(node src/compression/native/common/probe-header.cjs lzma.h)' },
      'defines': ['NAPI_VERSION=8'],
      'cflags': ['-O2', '-fvisibility=hidden'],
      'conditions': [
        ['ts314_has_lzma==1', {
          'sources': ['src/compression/native/lzma/lzma.c'],
          'libraries': ['-llzma'],
        }, {
          'sources': ['src/compression/native/common/missing_library.c'],
          'defines': ['TS314_NEEDS_LZMA'],
        }],
      ],
    },
  ],
}
