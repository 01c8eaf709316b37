// liblzma's constants under Python's lzma names (formats, checks, filters, presets, match finders).

export const FORMAT_AUTO = 0;
export const FORMAT_XZ = 1;
/** The legacy .lzma container ("LZMA_Alone"), as `xz --format=lzma` writes. */
export const FORMAT_ALONE = 2;
/** A bare filter chain with no container: needs `filters` on both sides. */
export const FORMAT_RAW = 3;
export type LzmaFormat = typeof FORMAT_AUTO | typeof FORMAT_XZ | typeof FORMAT_ALONE | typeof FORMAT_RAW;

export const CHECK_NONE = 0;
export const CHECK_CRC32 = 1;
export const CHECK_CRC64 = 4;
export const CHECK_SHA256 = 10;
export const CHECK_ID_MAX = 15;
export const CHECK_UNKNOWN = 16;

/** Filter ids are 64-bit in liblzma (LZMA1's does not fit a double), so they are bigints. */
export const FILTER_LZMA1 = 0x4000000000000001n;
export const FILTER_LZMA2 = 0x21n;
export const FILTER_DELTA = 0x03n;
export const FILTER_X86 = 0x04n;
export const FILTER_POWERPC = 0x05n;
export const FILTER_IA64 = 0x06n;
export const FILTER_ARM = 0x07n;
export const FILTER_ARMTHUMB = 0x08n;
export const FILTER_SPARC = 0x09n;

export const MF_HC3 = 0x03;
export const MF_HC4 = 0x04;
export const MF_BT2 = 0x12;
export const MF_BT3 = 0x13;
export const MF_BT4 = 0x14;
export const MODE_FAST = 1;
export const MODE_NORMAL = 2;

/** Python's and xz's default preset: 6 (8 MiB dictionary), a good ratio at moderate speed. */
export const PRESET_DEFAULT = 6;
/** OR this into a preset for the slower "extreme" variant (`xz -6e`). */
export const PRESET_EXTREME = 0x80000000;
