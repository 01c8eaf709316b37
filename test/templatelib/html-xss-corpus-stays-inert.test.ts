// Every classic XSS payload in every html() context: refused with HtmlContextError, or inert when parse5 parses the output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'parse5';
import { html, t, HtmlContextError, type Template } from '../../src/templatelib/index.js';
import { XSS_PAYLOADS } from './fixtures/xss-payloads.js';

interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
}

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'data', 'poster', 'background', 'xlink:href', 'srcdoc']);

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const child of node.childNodes ?? []) walk(child, visit);
  if (node.content) walk(node.content, visit);
}

interface Findings {
  scripts: number;
  handlers: string[];
  activeUrls: string[];
  texts: string[];
  attrs: Map<string, string>;
}

function inspect(markup: string): Findings {
  const doc = parse(markup) as unknown as Node;
  const found: Findings = { scripts: 0, handlers: [], activeUrls: [], texts: [], attrs: new Map() };
  walk(doc, (n) => {
    if (n.tagName === 'script') found.scripts++;
    if (n.nodeName === '#text') found.texts.push(n.value!);
    for (const a of n.attrs ?? []) {
      found.attrs.set(a.name, a.value);
      if (a.name.startsWith('on')) found.handlers.push(a.name);
      if (URL_ATTRS.has(a.name)) {
        const v = a.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (/^(javascript|vbscript|data:(?!image\/(png|gif|jpe?g|webp)))/.test(v) || a.name === 'srcdoc')
          found.activeUrls.push(`${a.name}=${a.value}`);
      }
    }
  });
  return found;
}

/** Each context: how to build it, and what must hold when html() accepts the payload. */
const CONTEXTS: { name: string; build: (p: string) => Template; scripts: number; check?: (f: Findings, p: string) => void }[] = [
  { name: 'text', build: (p) => t`<div>${p}</div>`, scripts: 0, check: (f, p) => assert.ok(f.texts.includes(p)) },
  {
    name: 'double-quoted attribute',
    build: (p) => t`<div title="${p}">x</div>`,
    scripts: 0,
    check: (f, p) => assert.equal(f.attrs.get('title'), p),
  },
  {
    name: 'single-quoted attribute',
    build: (p) => t`<div title='${p}'>x</div>`,
    scripts: 0,
    check: (f, p) => assert.equal(f.attrs.get('title'), p),
  },
  {
    name: 'attribute with static prefix',
    build: (p) => t`<div class="a ${p} b">x</div>`,
    scripts: 0,
    check: (f, p) => assert.equal(f.attrs.get('class'), `a ${p} b`),
  },
  { name: 'href', build: (p) => t`<a href="${p}">x</a>`, scripts: 0 },
  {
    name: 'href after a path',
    build: (p) => t`<a href="/search?q=${p}">x</a>`,
    scripts: 0,
    check: (f, p) => assert.equal(f.attrs.get('href'), `/search?q=${p}`),
  },
  { name: 'img src', build: (p) => t`<img src="${p}">`, scripts: 0 },
  { name: 'textarea', build: (p) => t`<textarea>${p}</textarea>`, scripts: 0, check: (f, p) => assert.ok(f.texts.includes(p)) },
  { name: 'title', build: (p) => t`<title>${p}</title>`, scripts: 0, check: (f, p) => assert.ok(f.texts.includes(p)) },
  { name: 'nested template', build: (p) => t`<ul>${[t`<li>${p}</li>`, t`<li title="${p}">y</li>`]}</ul>`, scripts: 0 },
  {
    name: 'script via html.json',
    build: (p) => t`<script>const data = ${html.json({ p })};</script>`,
    scripts: 1,
    check: (f, p) => {
      const body = f.texts.find((x) => x.startsWith('const data = '))!;
      assert.deepEqual(JSON.parse(body.slice('const data = '.length, -1)), { p });
    },
  },
  { name: 'style via html.css', build: (p) => t`<style>p { color: ${html.css(p)} }</style>`, scripts: 0 },
  { name: 'style attribute via html.css', build: (p) => t`<p style="color: ${html.css(p)}">x</p>`, scripts: 0 },
];

test(`${XSS_PAYLOADS.length} classic XSS payloads in ${CONTEXTS.length} contexts are escaped or refused, never active`, () => {
  assert.ok(XSS_PAYLOADS.length >= 50);
  let accepted = 0;
  let refused = 0;
  for (const context of CONTEXTS) {
    for (const payload of XSS_PAYLOADS) {
      let markup: string;
      try {
        markup = html(context.build(payload));
      } catch (e) {
        assert.ok(e instanceof HtmlContextError, `${context.name}: ${payload}: ${String(e)}`);
        refused++;
        continue;
      }
      accepted++;
      const found = inspect(markup);
      const where = `${context.name} ← ${JSON.stringify(payload)} → ${markup}`;
      assert.equal(found.scripts, context.scripts, `script element injected: ${where}`);
      assert.deepEqual(found.handlers, [], `handler attribute injected: ${where}`);
      assert.deepEqual(found.activeUrls, [], `active URL injected: ${where}`);
      context.check?.(found, payload);
    }
  }
  assert.ok(accepted > 500, `accepted ${accepted}`);
  assert.ok(refused > 50, `refused ${refused}`);
});

test('active-scheme payloads are refused in URL attributes, with the scheme named', () => {
  for (const payload of [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\tjavascript:alert(1)',
    'java\nscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/svg+xml,<svg onload=alert(1)>',
  ]) {
    assert.throws(
      () => html(t`<a href="${payload}">x</a>`),
      (e: unknown) =>
        e instanceof HtmlContextError && e.code === 'ERR_HTML_UNSAFE_URL' && /active scheme '(javascript|vbscript|data):'/.test(e.message),
      payload,
    );
  }
  // Safe raster images stay allowed.
  assert.equal(html(t`<img src="${'data:image/png;base64,iVBORw0KGgo='}">`), '<img src="data:image/png;base64,iVBORw0KGgo=">');
});
