// The built package: `import('ts314/templatelib')` resolves to dist/ and renders like the sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot } from '../helpers/package.js';

const run = promisify(execFile);

test('ts314/templatelib from dist works in plain Node (no TypeScript loader)', async () => {
  const script = `
    import { t, html, sql, json, format, shell, Template, field } from 'ts314/templatelib';
    const out = {
      html: html(t\`<b title="\${'"'}">\${'<x>'}</b>\`),
      sql: sql(t\`SELECT \${1}\`, { dialect: 'sqlite' }),
      json: json(t\`{"a": \${[1n]}}\`),
      format: format(Template.parse('{x:>6.2f}', { x: 3.14159 })),
      shell: shell(t\`echo \${'a b'}\`),
      field: format(t\`\${field(255, '#x')}\`),
    };
    process.stdout.write(JSON.stringify(out));
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: repoRoot,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  assert.deepEqual(JSON.parse(stdout), {
    html: '<b title="&quot;">&lt;x&gt;</b>',
    sql: { text: 'SELECT ?', values: [1] },
    json: '{"a": [1]}',
    format: '  3.14',
    shell: ['echo', 'a b'],
    field: '0xff',
  });
});
