// html(): attributes are URL-checked by what they do (SVG animation, meta refresh, srcset, ping), decoded as parse5 decodes them, under every parsing reading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFragment } from 'parse5';
import { html, t, trusted, HtmlContextError, type HtmlRefusal, type Template } from '../../src/templatelib/index.js';
import { decodeAttributeValue } from '../../src/templatelib/html-escape.js';

const JS = 'javascript:alert(1)';

/** A template whose static text is built at run time, as `t` would get it from a literal. */
function templateOf(strings: string[], ...values: unknown[]): Template {
  return t(Object.assign([...strings], { raw: strings }) as unknown as TemplateStringsArray, ...values);
}

function refusal(build: () => string): HtmlRefusal | 'accepted' {
  try {
    build();
    return 'accepted';
  } catch (e) {
    assert.ok(e instanceof HtmlContextError, String(e));
    return e.code;
  }
}

function refusedAs(code: HtmlRefusal, template: Template, message?: RegExp): void {
  assert.throws(
    () => html(template),
    (e: unknown) => e instanceof HtmlContextError && e.code === code && (message === undefined || message.test(e.message)),
  );
}

test('animation values, from, to and by that set href or xlink:href are checked as URLs, in any attribute order', () => {
  refusedAs(
    'ERR_HTML_UNSAFE_URL',
    t`<svg><a><animate attributeName="href" values="${JS}" dur="1ms" fill="freeze"/></a></svg>`,
    /animation attribute 'values'.*'javascript:'/,
  );
  refusedAs('ERR_HTML_UNSAFE_URL', t`<svg><a><animate attributeName="href" values="/a;${JS}"/></a></svg>`);
  refusedAs('ERR_HTML_UNSAFE_URL', t`<svg><a><animate values="${JS}" attributeName="xlink:href"/></a></svg>`);
  refusedAs(
    'ERR_HTML_UNSAFE_URL',
    t`<svg><a><set attributeName="href" to="${' JAVASCRIPT:alert(1)'}"/></a></svg>`,
    /animation attribute 'to'/,
  );
  for (const name of ['from', 'to', 'by']) {
    assert.equal(
      refusal(() => html(templateOf([`<svg><a><animateMotion attributeName="href" ${name}="`, '"/></a></svg>'], JS))),
      'ERR_HTML_UNSAFE_URL',
      name,
    );
  }
  assert.equal(
    html(t`<svg><a><animate attributeName="href" values="${'/a;https://example.com/b'}" dur="2s"/></a></svg>`),
    '<svg><a><animate attributeName="href" values="/a;https://example.com/b" dur="2s"/></a></svg>',
  );
});

test('animations of other attributes are plain attributes; of handlers and style, refused; attributeName itself is static', () => {
  assert.equal(
    html(t`<svg><rect><animate attributeName="opacity" values="${JS}"/></rect></svg>`),
    `<svg><rect><animate attributeName="opacity" values="${JS}"/></rect></svg>`,
  );
  assert.equal(html(t`<svg><set to="${JS}"/></svg>`), `<svg><set to="${JS}"/></svg>`);
  refusedAs('ERR_HTML_EVENT_HANDLER', t`<svg><a><set attributeName="onclick" to="${'go()'}"/></a></svg>`);
  refusedAs('ERR_HTML_EVENT_HANDLER', t`<svg><a><set attributeName="style" to="${'x'}"/></a></svg>`);
  refusedAs('ERR_HTML_ATTRIBUTE_NAME', t`<svg><a><set attributeName="${'href'}" to="x"/></a></svg>`, /attributeName of <set>/);
});

test('meta refresh content is checked as the URL it navigates to, however the standard or Blink read it', () => {
  for (const content of [JS, `'${JS}'`, `"${JS}`, ` \t${JS}`]) {
    refusedAs('ERR_HTML_UNSAFE_URL', t`<meta http-equiv="refresh" content="0;url=${content}">`, /refresh URL/);
    refusedAs('ERR_HTML_UNSAFE_URL', t`<meta http-equiv="refresh" content="0; URL = ${content}">`);
    refusedAs('ERR_HTML_UNSAFE_URL', t`<meta http-equiv="refresh" content="0,${content}">`);
  }
  refusedAs('ERR_HTML_UNSAFE_URL', t`<meta http-equiv="refresh" content="${`0 ${JS}`}">`);
  refusedAs('ERR_HTML_UNSAFE_URL', t`<meta content="0;url=${JS}" http-equiv="Refresh">`);
  refusedAs('ERR_HTML_UNSAFE_URL', t`<meta http-equiv="${'refresh'}" content="0;url=${JS}">`);
  // An entity split between static text and the value decodes to a scheme letter.
  refusedAs('ERR_HTML_UNSAFE_URL', t`<meta http-equiv="refresh" content="0;url=&#${'106;avascript:alert(1)'}">`);
  assert.equal(
    html(t`<meta http-equiv="refresh" content="5; url=${'https://example.com/?a=1&b=2'}">`),
    '<meta http-equiv="refresh" content="5; url=https://example.com/?a=1&amp;b=2">',
  );
  assert.equal(html(t`<meta name="description" content="${JS}">`), `<meta name="description" content="${JS}">`);
});

test('srcset candidates and ping URLs are each checked', () => {
  refusedAs('ERR_HTML_UNSAFE_URL', t`<img srcset="a.png 1x, ${JS} 2x">`, /image candidate of 'srcset'/);
  refusedAs('ERR_HTML_UNSAFE_URL', t`<link rel="preload" as="image" imagesrcset="${`${JS} 1x`}">`);
  refusedAs('ERR_HTML_UNSAFE_URL', t`<a href="/" ping="/p ${JS}">x</a>`, /a URL of 'ping'/);
  assert.equal(
    html(t`<img srcset="${'a.png 1x, https://example.com/b.png 2x'}">`),
    '<img srcset="a.png 1x, https://example.com/b.png 2x">',
  );
  assert.equal(html(t`<a href="/" ping="${'/p https://example.com/q'}">x</a>`), '<a href="/" ping="/p https://example.com/q">x</a>');
});

test('href and xlink:href are URLs on SVG and MathML elements too', () => {
  refusedAs('ERR_HTML_UNSAFE_URL', t`<svg><a xlink:href="${JS}"><text>x</text></a></svg>`);
  refusedAs('ERR_HTML_UNSAFE_URL', t`<svg><use href="${JS}"/></svg>`);
  refusedAs('ERR_HTML_UNSAFE_URL', t`<math><mi href="${JS}">x</mi></math>`);
  refusedAs('ERR_HTML_UNSAFE_URL', t`<svg xml:base="${JS}"></svg>`);
});

test('raw-text elements inside svg, math, select and noscript are read both as text and as markup', () => {
  for (const open of [
    '<svg><title>',
    '<svg><style>',
    '<svg><textarea>',
    '<math><style>',
    '<svg><xmp>',
    '<noscript>',
    '<select><xmp>',
    '<svg><foreignObject><noembed>',
  ]) {
    const template = templateOf([`${open}<a href="`, '">x</a>'], JS);
    assert.equal(
      refusal(() => html(template)),
      'ERR_HTML_UNSAFE_URL',
      open,
    );
    assert.equal(html(templateOf([`${open}<a href="`, '">x</a>'], '/ok')).includes('href="/ok"'), true, open);
  }
  // Text holes stay usable: escaped text is inert in either reading.
  assert.equal(html(t`<svg><title>${'<b>&</b>'}</title></svg>`), '<svg><title>&lt;b&gt;&amp;&lt;/b&gt;</title></svg>');
  assert.equal(html(t`<svg><style>p { color: ${html.css('red')} }</style></svg>`), '<svg><style>p { color: red }</style></svg>');
  // A hole that one reading puts in an attribute and the other in <style> has no rule safe in both.
  refusedAs(
    'ERR_HTML_AMBIGUOUS_CONTEXT',
    t`<svg><style><a title="${html.css('red')}"></a></style></svg>`,
    /differs between HTML and SVG\/MathML/,
  );
  // CDATA in foreign content versus a bogus comment in HTML.
  refusedAs('ERR_HTML_UNQUOTED_ATTRIBUTE', t`<svg><![CDATA[ > <a href="]]><a href="${JS}">`);
});

test('a nested Template inside svg is read as foreign content, and nested markup or trusted() must not leave svg open', () => {
  refusedAs('ERR_HTML_UNSAFE_URL', t`<svg>${t`<title><a href="${JS}">x</a></title>`}</svg>`);
  refusedAs('ERR_HTML_BAD_VALUE', t`${t`<svg>`}<title><a href="${JS}">x</a></title>`, /nested Template must end in text content/);
  refusedAs('ERR_HTML_BAD_VALUE', t`${trusted('<svg>')}<title>${'x'}</title>`, /trusted\(\) markup must end in text content/);
  refusedAs('ERR_HTML_BAD_VALUE', t`<p>${trusted('<textarea>')}</p>`);
  assert.equal(html(t`<svg>${[t`<circle r="${1}"/>`, trusted('<rect/>')]}</svg>`), '<svg><circle r="1"/><rect/></svg>');
});

test('attribute values are decoded exactly as parse5 (the WHATWG tokenizer) decodes them', () => {
  const pieces = [
    '&',
    '#',
    'x',
    'X',
    '6',
    'A',
    '1',
    '0',
    ';',
    'amp',
    'AMP',
    'lt',
    'quot',
    'colon',
    'Tab',
    'NewLine',
    'fjlig',
    'semi',
    '=',
    'z',
    ' ',
    'sol',
    'nbsp',
    'notin',
    'ltimes',
  ];
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let n = 0; n < 5000; n++) {
    let source = '';
    for (let len = 1 + random(8); len > 0; len--) source += pieces[random(pieces.length)];
    source = source.replaceAll('"', '');
    const fragment = parseFragment(`<a title="${source}"></a>`) as unknown as { childNodes: { attrs: { value: string }[] }[] };
    const expected = fragment.childNodes[0]!.attrs[0]!.value;
    const ours = decodeAttributeValue(source);
    // Non-ASCII named references are left encoded on purpose; the ASCII text must agree exactly.
    if (/[^\u0000-\u007f]/.test(expected)) continue;
    assert.equal(ours, expected, JSON.stringify(source));
  }
});
