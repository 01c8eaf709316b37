// Mistyped option values and codec names are compile errors, not only run-time ones.
import { compress, compressAsync, createCompressStream, type CodecAlias, type CodecName } from 'ts314/compression';
import { gzip, lzma, type zstd } from 'ts314/compression';
import { html, json, sql, t } from 'ts314/templatelib';
import { assertType, type Equal } from './assert-type.js';

const data = new TextEncoder().encode('{"sensor": 1}');
compress(data, 'gzip', { level: 9 });
compress(data, 'xz');
// @ts-expect-error 'gzp' is not a codec name or alias
compress(data, 'gzp');
// @ts-expect-error 'zstandrd' is not a codec name or alias
await compressAsync(data, 'zstandrd');
// @ts-expect-error 'lz4' is not a codec ts314 has
createCompressStream('lz4');
const name: CodecName | CodecAlias = 'br';
compress(data, name);

// The codec modules, as Python's `from compression import gzip, lzma, zstd`.
gzip.decompress(gzip.compress(data));
lzma.compress(data, { format: lzma.FORMAT_XZ });
assertType<Equal<ReturnType<typeof zstd.compress>, Buffer>>();

const user = 'ada';
sql(t`SELECT * FROM users WHERE name = ${user}`, { dialect: 'sqlite' });
// @ts-expect-error 'postgress' is not a dialect
sql(t`SELECT 1`, { dialect: 'postgress' });
// @ts-expect-error sql() has no 'dialet' option
sql(t`SELECT 1`, { dialet: 'postgres' });
json(t`{"n": ${Number.NaN}}`, { nonFinite: 'null' });
// @ts-expect-error 'nul' is not a nonFinite policy
json(t`{"n": ${Number.NaN}}`, { nonFinite: 'nul' });
const parsed = json.parse(t`{"user": ${user}}`);
assertType<Equal<typeof parsed, unknown>>();

// html's helpers are in the published types.
html(t`<script>const config = ${html.json({ user })};</script><p style="color: ${html.css('red')}">${html.trusted('<b>hi</b>')}</p>`);
assertType<Equal<ReturnType<typeof html.escape>, string>>();
