import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../../helpers/package.js';
import { tempDir } from '../../helpers/temp-dir.js';

// A copy of the built package without build/Release: what a user gets when the addons could not be built.
test('without the native addons, bz2/lzma/zstd report UNAVAILABLE and compressFrame falls back to gzip', async () => {
  using tmp = tempDir('no-addons');
  const dir = tmp.path;
  {
    await cp(join(repoRoot, 'dist'), join(dir, 'dist'), { recursive: true });
    await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const script = `
      import * as compression from './dist/compression/index.js';
      import * as bz2 from './dist/compression/bz2/index.js';
      import { features } from './dist/runtime/index.js';
      const out = {};
      out.available = compression.available();
      const frame = compression.compressFrame(Buffer.from('frame without zstd'));
      out.frameCodec = compression.detect(frame);
      out.frameBack = compression.decompressFrame(frame).toString();
      try { bz2.compress('x'); } catch (e) { out.bz2Error = { name: e.name, code: e.code, message: e.message, isBz2: e instanceof bz2.Bz2Error }; }
      out.features = { bz2: features().bz2.available, lzma: features().lzma.available };
      console.log(JSON.stringify(out));`;
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, timeout: 30_000 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
      ),
    );
    const result = JSON.parse(stdout) as {
      available: { codec: string; available: boolean; reason?: string }[];
      frameCodec: string;
      frameBack: string;
      bz2Error: { name: string; code: string; message: string; isBz2: boolean };
      features: { bz2: boolean; lzma: boolean };
    };
    const status = Object.fromEntries(result.available.map((c) => [c.codec, c]));
    for (const codec of ['bz2', 'lzma', 'zstd']) {
      assert.equal(status[codec]!.available, false, codec);
      assert.ok(status[codec]!.reason!.length > 10, `${codec} says why`);
    }
    for (const codec of ['gzip', 'zlib', 'brotli']) assert.equal(status[codec]!.available, true, codec);
    assert.equal(result.frameCodec, 'gzip');
    assert.equal(result.frameBack, 'frame without zstd');
    assert.deepEqual(
      { name: result.bz2Error.name, code: result.bz2Error.code, isBz2: result.bz2Error.isBz2 },
      { name: 'Bz2Error', code: 'ERR_UNAVAILABLE', isBz2: true },
    );
    assert.match(result.bz2Error.message, /`npm rebuild ts314`/);
    assert.deepEqual(result.features, { bz2: false, lzma: false });
  }
});
