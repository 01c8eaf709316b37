// The html() processor: context-aware escaping over a cached tokenizer analysis of each template's static text.
import { convert } from './convert.js';
import { HtmlContextError, type HtmlRefusal } from './errors.js';
import { formatValue } from './format.js';
import { ANIMATION_VALUE_ATTRIBUTES, analyzeHtml, Hole, type HoleInfo, type TemplateContext } from './html-context.js';
import { escapeHtml, scriptSafeJson, unsafeCss, unsafeUrlScheme } from './html-escape.js';
import type { Interpolation } from './interpolation.js';
import { toJson } from './json.js';
import { Template, templateOf } from './template.js';

/** Markup the caller vouches for: the only way html() inserts text unescaped. */
export class TrustedHtml {
  constructor(readonly html: string) {
    if (typeof html !== 'string') throw new TypeError(`trusted() takes a string of markup, got ${typeof html}`);
    Object.freeze(this);
  }
  toString(): string {
    return this.html;
  }
}

/** A value serialized for a <script> element by html.json(). */
export class ScriptJson {
  constructor(readonly text: string) {
    Object.freeze(this);
  }
}

/** A CSS value checked by html.css(). */
export class CssValue {
  constructor(readonly text: string) {
    Object.freeze(this);
  }
}

/**
 * Marks a string as markup to insert as is, in text content only. Everything else html() escapes.
 * @example
 * html(t`<div>${trusted('<b>static markup</b>')}</div>`);
 */
export function trusted(markup: string): TrustedHtml {
  return new TrustedHtml(markup);
}

/**
 * Per-call-site analysis: TemplateStringsArray identity is stable, so each literal is tokenized once
 * (twice at most: a Template nested inside <svg>/<math> is read as starting in foreign content).
 */
const contexts = new WeakMap<readonly string[], TemplateContext>();
const foreignContexts = new WeakMap<readonly string[], TemplateContext>();

function contextOf(strings: readonly string[], foreign = false): TemplateContext {
  const cache = foreign ? foreignContexts : contexts;
  let ctx = cache.get(strings);
  if (ctx === undefined) {
    ctx = analyzeHtml(strings, foreign);
    // Templates built at run time (concat, new Template) have fresh arrays; only cache frozen ones,
    // which is what literals and Template.parse produce.
    if (Object.isFrozen(strings)) cache.set(strings, ctx);
  }
  return ctx;
}

/** Whether trusted markup leaves the parser in text content (checked once per fragment and start). */
const trustedEndsInText = new WeakMap<TrustedHtml, [boolean | undefined, boolean | undefined]>();

function trustedMarkup(value: TrustedHtml, info: HoleInfo, item: Interpolation, index: number): string {
  let known = trustedEndsInText.get(value);
  if (known === undefined) trustedEndsInText.set(value, (known = [undefined, undefined]));
  const slot = info.foreign ? 1 : 0;
  known[slot] ??= analyzeHtml([value.html], info.foreign).endsInText;
  if (!known[slot]) {
    // The rest of the template was analysed as following text content; markup that leaves a tag,
    // comment, raw-text element or <svg>/<math> open would make that analysis wrong.
    refuse(
      'ERR_HTML_BAD_VALUE',
      index,
      item,
      'trusted() markup must end in text content: it leaves a tag, attribute, comment, raw-text element or <svg>/<math> open',
    );
  }
  return value.html;
}

function refuse(code: HtmlRefusal, index: number, item: Interpolation, message: string): never {
  const expr = item.expression ? ` {${item.expression}}` : '';
  throw new HtmlContextError(`html(): interpolation #${index}${expr}: ${message}`, { code, index });
}

/** The text of a plain value: its conversion and format spec applied, Python's str() otherwise; null → ''. */
function textOf(item: Interpolation, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && item.conversion === null && item.formatSpec === '') return value;
  return formatValue(item.conversion === null ? value : convert(value, item.conversion), item.formatSpec);
}

function renderTextValue(value: unknown, item: Interpolation, index: number, info: HoleInfo): string {
  if (typeof value === 'string')
    return item.conversion === null && item.formatSpec === '' ? escapeHtml(value) : escapeHtml(textOf(item, value));
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (value instanceof Template) return renderNested(value, index, item, info);
    if (value instanceof TrustedHtml) return trustedMarkup(value, info, item, index);
    if (value instanceof ScriptJson || value instanceof CssValue) return escapeHtml(value.text);
    if (Array.isArray(value)) {
      let out = '';
      for (const v of value) out += renderTextValue(v, item, index, info);
      return out;
    }
  }
  return escapeHtml(textOf(item, value));
}

function renderNested(tpl: Template, index: number, item: Interpolation, info: HoleInfo): string {
  const ctx = contextOf(tpl.strings, info.foreign);
  if (!ctx.endsInText) {
    refuse(
      'ERR_HTML_BAD_VALUE',
      index,
      item,
      'a nested Template must end in text content (it ends inside a tag, attribute, comment, raw-text element or an <svg>/<math> it opened)',
    );
  }
  return render(tpl, ctx);
}

function attrText(value: unknown, item: Interpolation, index: number, name: string): string {
  if (value instanceof Template) {
    refuse('ERR_HTML_BAD_VALUE', index, item, `a nested Template cannot go inside the attribute '${name}': format it to text first`);
  }
  if (value instanceof TrustedHtml) refuse('ERR_HTML_BAD_VALUE', index, item, `trusted() markup cannot go inside the attribute '${name}'`);
  if (value instanceof ScriptJson || value instanceof CssValue) return value.text;
  if (Array.isArray(value)) return value.map((v) => attrText(v, item, index, name)).join(' ');
  return textOf(item, value);
}

/** How a refusal names the URL-bearing attribute, by how it holds its URLs. */
function describeUrlAttribute(info: HoleInfo): string {
  switch (info.urlForm) {
    case 'url':
    case 'values':
      return ANIMATION_VALUE_ATTRIBUTES.has(info.name)
        ? `the animation attribute '${info.name}' (it sets a URL attribute)`
        : `the URL attribute '${info.name}'`;
    case 'srcset':
      return `an image candidate of '${info.name}'`;
    case 'ping':
      return `a URL of '${info.name}'`;
    case 'refresh':
      return `the refresh URL of <meta ${info.name}>`;
  }
}

function render(tpl: Template, ctx: TemplateContext): string {
  const { strings, interpolations } = tpl;
  const holes = ctx.holes;
  let out = strings[0]!;
  let urlSoFar = '';
  for (let i = 0; i < holes.length; i++) {
    const info: HoleInfo = holes[i]!;
    const item = interpolations[i]!;
    const value = item.value;
    let piece: string;
    switch (info.kind) {
      case Hole.Text:
        piece = renderTextValue(value, item, i, info);
        break;
      case Hole.Attr:
        piece = escapeHtml(attrText(value, item, i, info.name));
        break;
      case Hole.UrlAttr: {
        piece = escapeHtml(attrText(value, item, i, info.name));
        // The attribute's markup so far (static text and escaped values), decoded as the browser will.
        urlSoFar = (info.followsHole ? urlSoFar + info.urlSince : info.urlPrefix) + piece;
        const scheme = unsafeUrlScheme(info.urlTail === undefined ? urlSoFar : urlSoFar + info.urlTail, info.urlForm);
        if (scheme !== undefined) {
          refuse(
            'ERR_HTML_UNSAFE_URL',
            i,
            item,
            `${describeUrlAttribute(info)} would get the active scheme '${scheme}:' (allowed: relative URLs, http, https, mailto, tel, ftp, sms, raster data:image URLs)`,
          );
        }
        break;
      }
      case Hole.StyleAttr:
      case Hole.Style:
        if (!(value instanceof CssValue)) {
          const where = info.kind === Hole.Style ? 'inside <style>' : 'in a style attribute';
          refuse('ERR_HTML_RAW_TEXT', i, item, `an interpolation ${where} is refused unless it is html.css(value)`);
        }
        piece = info.kind === Hole.Style ? value.text : escapeHtml(value.text);
        break;
      case Hole.Script:
        if (!(value instanceof ScriptJson)) {
          refuse('ERR_HTML_RAW_TEXT', i, item, 'an interpolation inside <script> is refused unless it is html.json(value)');
        }
        piece = value.text;
        break;
      case Hole.RawEscaped:
        piece = escapeHtml(attrText(value, item, i, info.name));
        break;
      default:
        throw new HtmlContextError(
          `html(): interpolation #${i}${item.expression ? ` {${item.expression}}` : ''}: ${info.refusal!.message}`,
          { code: info.refusal!.code, index: i },
        );
    }
    out += piece + strings[i + 1]!;
  }
  return out;
}

/**
 * Renders a Template as HTML, escaping each interpolation for where it stands: text content and
 * quoted attribute values are entity-escaped; attributes that carry URLs refuse active schemes
 * (`javascript:`, `vbscript:`, non-image `data:`) — `href`/`src`-like attributes, `srcset` and `ping`
 * lists, SVG animation values that set a URL attribute, and `<meta http-equiv="refresh">` content,
 * each decoded as the browser decodes it; where HTML and SVG/MathML parsing could disagree, every
 * reading must be safe. Event-handler attributes, `srcdoc`, unquoted attribute values,
 * tag and attribute names and comments refuse interpolations; `<script>` takes only `html.json()`
 * and `<style>`/`style="…"` only `html.css()` values. Nested Templates and arrays compose;
 * `trusted(markup)` is the only raw path. Works as a tag too.
 * @example
 * html(t`<a href="${url}" title="${title}">${name}</a>`);
 * html`<ul>${items.map((i) => t`<li>${i}</li>`)}</ul>`;
 */
export function html(template: Template | TemplateStringsArray, ...values: unknown[]): string {
  const tpl = templateOf(template, values, 'html');
  return render(tpl, contextOf(tpl.strings));
}

/**
 * A value for a `<script>` element: JSON (as json() serializes it) with `<`, `>`, `&`, U+2028 and
 * U+2029 escaped, so it cannot close the element. Place it where a JS expression goes.
 * @example
 * html(t`<script>const config = ${html.json({ user: '</script>' })};</script>`);
 */
html.json = function scriptJson(value: unknown): ScriptJson {
  return new ScriptJson(scriptSafeJson(toJson(value)));
};

/**
 * A CSS value for `<style>` or `style="…"`: numbers, keywords, lengths, colours and allowlisted
 * functions (`rgb()`, `calc()`, `var()`…). Anything that could leave the declaration
 * (quotes, `;`, braces, `url(`, `expression(`, comments) throws HtmlContextError('ERR_HTML_UNSAFE_CSS').
 * @example
 * html(t`<p style="color: ${html.css(color)}">…</p>`);
 */
html.css = function cssValue(value: string | number): CssValue {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new HtmlContextError(`html.css(): ${value} is not a CSS number`, { code: 'ERR_HTML_UNSAFE_CSS', index: -1 });
    return new CssValue(String(value));
  }
  if (typeof value !== 'string')
    throw new HtmlContextError(`html.css(): expected a string or number, got ${typeof value}`, { code: 'ERR_HTML_UNSAFE_CSS', index: -1 });
  const why = unsafeCss(value);
  if (why !== undefined)
    throw new HtmlContextError(`html.css(): refused ${JSON.stringify(value)}: ${why}`, { code: 'ERR_HTML_UNSAFE_CSS', index: -1 });
  return new CssValue(value);
};

/** Alias of {@link trusted} on the processor, for discoverability. */
// Typed, not the bare identifier: declaration emit would otherwise write `export { trusted }` into the
// namespace, which hides html.json and html.css from the published types.
html.trusted = trusted as (markup: string) => TrustedHtml;

/** HTML entity escaping as html() applies it to text and attribute values. */
html.escape = escapeHtml as (text: string) => string;
