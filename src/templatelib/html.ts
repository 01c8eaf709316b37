// The html() processor: context-aware escaping over a cached tokenizer analysis of each template's static text.
import { convert } from './convert.js';
import { HtmlContextError, type HtmlRefusal } from './errors.js';
import { formatValue } from './format.js';
import { analyzeHtml, Hole, type HoleInfo, type TemplateContext } from './html-context.js';
import { escapeHtml, scriptSafeJson, unsafeCss, unsafeUrlScheme } from './html-escape.js';
import { Interpolation } from './interpolation.js';
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

/** Per-call-site analysis: TemplateStringsArray identity is stable, so each literal is tokenized once. */
const contexts = new WeakMap<readonly string[], TemplateContext>();

function contextOf(strings: readonly string[]): TemplateContext {
  let ctx = contexts.get(strings);
  if (ctx === undefined) {
    ctx = analyzeHtml(strings);
    // Templates built at run time (concat, new Template) have fresh arrays; only cache frozen ones,
    // which is what literals and Template.parse produce.
    if (Object.isFrozen(strings)) contexts.set(strings, ctx);
  }
  return ctx;
}

function refuse(code: HtmlRefusal, index: number, item: Interpolation, message: string): never {
  const expr = item.expression ? ` {${item.expression}}` : '';
  throw new HtmlContextError(code, `html(): interpolation #${index}${expr}: ${message}`, index);
}

/** The text of a plain value: its conversion and format spec applied, Python's str() otherwise; null → ''. */
function textOf(item: Interpolation, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && item.conversion === null && item.formatSpec === '') return value;
  return formatValue(item.conversion === null ? value : convert(value, item.conversion), item.formatSpec);
}

function renderTextValue(value: unknown, item: Interpolation, index: number): string {
  if (typeof value === 'string') return item.conversion === null && item.formatSpec === '' ? escapeHtml(value) : escapeHtml(textOf(item, value));
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if (value instanceof Template) return renderNested(value, index, item);
    if (value instanceof TrustedHtml) return value.html;
    if (value instanceof ScriptJson || value instanceof CssValue) return escapeHtml(value.text);
    if (Array.isArray(value)) {
      let out = '';
      for (const v of value) out += renderTextValue(v, item, index);
      return out;
    }
  }
  return escapeHtml(textOf(item, value));
}

function renderNested(tpl: Template, index: number, item: Interpolation): string {
  const ctx = contextOf(tpl.strings);
  if (!ctx.endsInText) {
    refuse('bad-value', index, item, 'a nested Template must end in text content (it ends inside a tag, attribute, comment or raw-text element)');
  }
  return render(tpl, ctx);
}

function attrText(value: unknown, item: Interpolation, index: number, name: string): string {
  if (value instanceof Template) {
    refuse('bad-value', index, item, `a nested Template cannot go inside the attribute '${name}': format it to text first`);
  }
  if (value instanceof TrustedHtml) refuse('bad-value', index, item, `trusted() markup cannot go inside the attribute '${name}'`);
  if (value instanceof ScriptJson || value instanceof CssValue) return value.text;
  if (Array.isArray(value)) return value.map((v) => attrText(v, item, index, name)).join(' ');
  return textOf(item, value);
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
        piece = renderTextValue(value, item, i);
        break;
      case Hole.Attr:
        piece = escapeHtml(attrText(value, item, i, info.name));
        break;
      case Hole.UrlAttr: {
        const text = attrText(value, item, i, info.name);
        urlSoFar = (info.followsHole ? urlSoFar + info.urlSince : info.urlPrefix) + text;
        const whole = info.urlTail === undefined ? urlSoFar : urlSoFar + info.urlTail;
        const scheme = unsafeUrlScheme(whole, info.name);
        if (scheme !== undefined) {
          refuse('unsafe-url', i, item, `the URL attribute '${info.name}' would get the active scheme '${scheme}:' (allowed: relative URLs, http, https, mailto, tel, ftp, sms, raster data:image URLs)`);
        }
        piece = escapeHtml(text);
        break;
      }
      case Hole.StyleAttr:
      case Hole.Style:
        if (!(value instanceof CssValue)) {
          const where = info.kind === Hole.Style ? 'inside <style>' : "in a style attribute";
          refuse('raw-text', i, item, `an interpolation ${where} is refused unless it is html.css(value)`);
        }
        piece = info.kind === Hole.Style ? value.text : escapeHtml(value.text);
        break;
      case Hole.Script:
        if (!(value instanceof ScriptJson)) {
          refuse('raw-text', i, item, 'an interpolation inside <script> is refused unless it is html.json(value)');
        }
        piece = value.text;
        break;
      case Hole.RawEscaped:
        piece = escapeHtml(attrText(value, item, i, info.name));
        break;
      default:
        throw new HtmlContextError(info.refusal!.code, `html(): interpolation #${i}${item.expression ? ` {${item.expression}}` : ''}: ${info.refusal!.message}`, i);
    }
    out += piece + strings[i + 1]!;
  }
  return out;
}

/**
 * Renders a Template as HTML, escaping each interpolation for where it stands: text content and
 * quoted attribute values are entity-escaped; URL attributes refuse active schemes (`javascript:`,
 * `vbscript:`, non-image `data:`); event-handler attributes, `srcdoc`, unquoted attribute values,
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
 * (quotes, `;`, braces, `url(`, `expression(`, comments) throws HtmlContextError('unsafe-css').
 * @example
 * html(t`<p style="color: ${html.css(color)}">…</p>`);
 */
html.css = function cssValue(value: string | number): CssValue {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new HtmlContextError('unsafe-css', `html.css(): ${value} is not a CSS number`, -1);
    return new CssValue(String(value));
  }
  if (typeof value !== 'string') throw new HtmlContextError('unsafe-css', `html.css(): expected a string or number, got ${typeof value}`, -1);
  const why = unsafeCss(value);
  if (why !== undefined) throw new HtmlContextError('unsafe-css', `html.css(): refused ${JSON.stringify(value)}: ${why}`, -1);
  return new CssValue(value);
};

/** Alias of {@link trusted} on the processor, for discoverability. */
html.trusted = trusted;

/** HTML entity escaping as html() applies it to text and attribute values. */
html.escape = escapeHtml;
