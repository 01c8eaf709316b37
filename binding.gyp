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
        'src/compression/native/zstd/window_buffers.c',
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
    # ts314_bz2: libbz2 1.0.8 vendored in src/compression/native/vendor/bzip2 (see its README.md), so the addon
    # needs no runtime library: distributions name the shared one differently (libbz2.so.1.0 / libbz2.so.1).
    {
      'target_name': 'ts314_bz2',
      'sources': [
        'src/compression/native/bz2/bz2.c',
        'src/compression/native/vendor/bzip2/blocksort.c',
        'src/compression/native/vendor/bzip2/bzlib.c',
        'src/compression/native/vendor/bzip2/compress.c',
        'src/compression/native/vendor/bzip2/crctable.c',
        'src/compression/native/vendor/bzip2/decompress.c',
        'src/compression/native/vendor/bzip2/huffman.c',
        'src/compression/native/vendor/bzip2/randtable.c',
      ],
      'include_dirs': ['src/compression/native/vendor/bzip2'],
      'defines': ['NAPI_VERSION=8'],
      # bzip2's decoder is a state machine of deliberate case fall-throughs.
      'cflags': ['-O2', '-fvisibility=hidden', '-Wno-implicit-fallthrough'],
    },
    # ts314_lzma: the system's liblzma (XZ Utils, the library the xz CLI uses), linked from its static archive
    # where that is position-independent (Debian's is), so the addon does not depend on liblzma.so at run time.
    # Without <lzma.h> a stand-in is built, so the other addons still install and lzma reports itself unavailable.
    {
      'target_name': 'ts314_lzma',
      'variables': { 'ts314_has_lzma': '<!(node src/compression/native/common/probe-header.cjs lzma.h)' },
      'defines': ['NAPI_VERSION=8'],
      'cflags': ['-O2', '-fvisibility=hidden'],
      'conditions': [
        ['ts314_has_lzma==1', {
          'sources': ['src/compression/native/lzma/lzma.c'],
          'libraries': ['<!(node src/compression/native/common/link-library.cjs lzma)', '-pthread'],
          # The archive's symbols stay private to this addon.
          'ldflags': ['-Wl,--exclude-libs,ALL'],
        }, {
          'sources': ['src/compression/native/common/missing_library.c'],
          'defines': ['TS314_NEEDS_LZMA'],
        }],
      ],
    },
  ],
}
