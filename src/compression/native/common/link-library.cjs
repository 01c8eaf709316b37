// Prints how binding.gyp links the system library named in argv[2]: its static archive when that can go into a
// shared object (position-independent, as Debian's liblzma.a is), so the addon needs no runtime library; else -l<name>.
const { spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { isAbsolute, join } = require('node:path');

const name = process.argv[2];
const cc = process.env.CC || 'cc';
const found = spawnSync(cc, [`-print-file-name=lib${name}.a`], { encoding: 'utf8' });
const archive = found.status === 0 ? found.stdout.trim() : '';
let flag = `-l${name}`;
if (isAbsolute(archive) && existsSync(archive)) {
  const dir = mkdtempSync(join(tmpdir(), 'ts314-link-'));
  try {
    // Every member goes in (--whole-archive): a non-PIC archive fails here ("recompile with -fPIC").
    const args = ['-shared', '-fPIC', '-x', 'c', '-', '-x', 'none', '-Wl,--whole-archive', archive, '-Wl,--no-whole-archive'];
    const link = spawnSync(cc, [...args, '-o', join(dir, 'probe.so')], {
      input: 'int ts314_probe(void) { return 0; }\n',
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    if (link.status === 0) flag = archive;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.stdout.write(flag);
