// html(): escaping per context, composition, the explicit helpers and every refusal with its message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { html, t, trusted, field, type Template, HtmlContextError, type HtmlRefusal } from '../../src/templatelib/index.js';

test('text and quoted attribute values are entity-escaped', () => {
  const v = `<b>"Tom" & 'Jerry'</b>`;
  assert.equal(
    html(t`<p title="${v}" data-x='${v}'>${v}</p>`),
    `<p title="${html.escape(v)}" data-x='${html.escape(v)}'>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</p>`,
  );
});

test('html works as a tag as well as on a Template', () => {
  const name = '<x>';
  assert.equal(html`<i>${name}</i>`, '<i>&lt;x&gt;</i>');
});

test('nested Templates and arrays compose without double escaping', () => {
  const items = ['a<b', 'c&d'];
  const list = t`<ul>${items.map((i) => t`<li>${i}</li>`)}</ul>`;
  assert.equal(html(t`<div>${list}</div>`), '<div><ul><li>a&lt;b</li><li>c&amp;d</li></ul></div>');
});

test('null and undefined render as nothing; numbers and booleans as Python str()', () => {
  assert.equal(html(t`<p>${null}|${undefined}|${1.5}|${2}|${true}</p>`), '<p>||1.5|2|True</p>');
});

test('conversion and format spec apply before escaping', () => {
  assert.equal(
    html(t`<td>${field(1234.5, ',.2f')}</td><td>${field('<a>', '', { conversion: 'r' })}</td>`),
    `<td>1,234.50</td><td>&#39;&lt;a&gt;&#39;</td>`,
  );
});

test('trusted() is the only raw path and only in text content', () => {
  assert.equal(html(t`<div>${trusted('<b>ok</b>')}</div>`), '<div><b>ok</b></div>');
  assert.equal(html.trusted, trusted);
  assert.throws(() => html(t`<div title="${trusted('<b>')}"></div>`), /trusted\(\) markup cannot go inside the attribute 'title'/);
});

test('URL attributes accept relative and http(s) URLs, escaped', () => {
  assert.equal(html(t`<a href="${'/a?b=1&c=2'}">x</a>`), '<a href="/a?b=1&amp;c=2">x</a>');
  assert.equal(
    html(t`<a href="https://example.com/${'javascript:alert(1)'}">x</a>`),
    '<a href="https://example.com/javascript:alert(1)">x</a>',
  );
  assert.equal(html(t`<a href="mailto:${'a@b.c'}">x</a>`), '<a href="mailto:a@b.c">x</a>');
});

test('a URL split across interpolations is checked as a whole', () => {
  assert.throws(() => html(t`<a href="${'java'}${'script:alert(1)'}">x</a>`), /active scheme 'javascript:'/);
  assert.throws(() => html(t`<a href="${'java'}script:alert(1)">x</a>`), /active scheme 'javascript:'/);
  assert.throws(() => html(t`<a href="&#106;${'avascript:alert(1)'}">x</a>`), /active scheme 'javascript:'/);
});

test('html.json() is the way into <script>, and it cannot close the element', () => {
  const out = html(t`<script>const c = ${html.json({ s: '</script><script>alert(1)</script>', d: 1n, u: '\u2028' })};</script>`);
  assert.equal(
    out,
    '<script>const c = {"s":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e","d":1,"u":"\\u2028"};</script>',
  );
  assert.equal(
    html(t`<script>// note: it's fine
/* "block" */ const q = ${html.json("'`")};</script>`),
    `<script>// note: it's fine
/* "block" */ const q = "\\u0027\\u0060";</script>`,
  );
});

test('html.css() allows plain values and refuses anything that leaves the declaration', () => {
  assert.equal(
    html(t`<p style="color: ${html.css('rgb(0 0 0 / 50%)')}; width: ${html.css(12)}px">x</p>`),
    '<p style="color: rgb(0 0 0 / 50%); width: 12px">x</p>',
  );
  for (const bad of [
    'red; background: url(x)',
    'url(javascript:alert(1))',
    'expression(alert(1))',
    'red}</style><script>',
    '"x"',
    'a/*b*/',
  ]) {
    assert.throws(
      () => html.css(bad),
      (e: unknown) => e instanceof HtmlContextError && e.code === 'ERR_HTML_UNSAFE_CSS',
      bad,
    );
  }
});

const REFUSALS: [string, () => Template, HtmlRefusal, RegExp][] = [
  [
    'event handler',
    () => t`<button onclick="${'go()'}">x</button>`,
    'ERR_HTML_EVENT_HANDLER',
    /event-handler attribute 'onclick' is refused/,
  ],
  [
    'srcdoc',
    () => t`<iframe srcdoc="${'<p>'}"></iframe>`,
    'ERR_HTML_EVENT_HANDLER',
    /'srcdoc' attribute \(markup the browser parses\) is refused/,
  ],
  [
    'unquoted attribute',
    () => t`<a title=${'x'}>x</a>`,
    'ERR_HTML_UNQUOTED_ATTRIBUTE',
    /unquoted value of attribute 'title' is refused: quote it/,
  ],
  ['tag name', () => t`<${'div'}>x</div>`, 'ERR_HTML_TAG_NAME', /in a tag name is refused/],
  ['end tag name', () => t`<p></${'p'}>`, 'ERR_HTML_TAG_NAME', /in a tag name is refused/],
  ['attribute name', () => t`<p ${'onclick'}="x">x</p>`, 'ERR_HTML_ATTRIBUTE_NAME', /in an attribute name of <p> is refused/],
  ['ERR_HTML_COMMENT', () => t`<!-- ${'x'} -->`, 'ERR_HTML_COMMENT', /inside an HTML comment/],
  ['script', () => t`<script>let a = ${'1'};</script>`, 'ERR_HTML_RAW_TEXT', /inside <script> is refused unless it is html.json\(value\)/],
  ['script string', () => t`<script>let a = "${html.json('x')}";</script>`, 'ERR_HTML_RAW_TEXT', /inside a JavaScript string or comment/],
  [
    'script after a regex or division',
    () => t`<script>const r = /'/; const s = '${html.json('x')}';</script>`,
    'ERR_HTML_RAW_TEXT',
    /after a '\/' in <script> is refused/,
  ],
  [
    'script escaped-quote string',
    () => t`<script>let a = 'it\\'s ${html.json('x')}';</script>`,
    'ERR_HTML_RAW_TEXT',
    /inside a JavaScript string or comment/,
  ],
  ['style', () => t`<style>p { color: ${'red'} }</style>`, 'ERR_HTML_RAW_TEXT', /inside <style> is refused unless it is html.css\(value\)/],
  [
    'style attribute',
    () => t`<p style="color: ${'red'}">x</p>`,
    'ERR_HTML_RAW_TEXT',
    /in a style attribute is refused unless it is html.css\(value\)/,
  ],
  [
    'javascript URL',
    () => t`<a href="${'javascript:alert(1)'}">x</a>`,
    'ERR_HTML_UNSAFE_URL',
    /URL attribute 'href' would get the active scheme 'javascript:'/,
  ],
  [
    'nested template in attribute',
    () => t`<p title="${t`<b>`}">x</p>`,
    'ERR_HTML_BAD_VALUE',
    /nested Template cannot go inside the attribute 'title'/,
  ],
  [
    'nested template ending in a tag',
    () => t`<div>${t`<a href="`}</div>`,
    'ERR_HTML_BAD_VALUE',
    /nested Template must end in text content/,
  ],
];

for (const [name, build, code, message] of REFUSALS) {
  test(`refuses an interpolation in ${name} with code '${code}'`, () => {
    assert.throws(
      () => html(build()),
      (e: unknown) => {
        assert.ok(e instanceof HtmlContextError);
        assert.equal(e.code, code);
        assert.match(e.message, message);
        assert.match(e.message, /^html\(\): interpolation #0/);
        return true;
      },
    );
  });
}

test('textarea and title content is escaped text, not refused', () => {
  assert.equal(html(t`<textarea>${'</textarea><script>'}</textarea>`), '<textarea>&lt;/textarea&gt;&lt;script&gt;</textarea>');
});

test('the parsed context of a literal is cached per call site', () => {
  const render = (v: string) => html(t`<p>${v}</p>`);
  assert.equal(render('a'), '<p>a</p>');
  assert.equal(render('<'), '<p>&lt;</p>');
});
