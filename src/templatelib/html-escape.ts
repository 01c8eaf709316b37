// Escaping and value checks for html(): entity escaping, attribute decoding, URL policy, CSS-safe values, script-safe JSON.

/** Escapes the five characters that matter in HTML text and quoted attribute values. */
export function escapeHtml(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 38 || c === 60 || c === 62 || c === 34 || c === 39) return escapeFrom(s, i);
  }
  return s;
}

function escapeFrom(s: string, start: number): string {
  let out = s.slice(0, start);
  let last = start;
  for (let i = start; i < s.length; i++) {
    let rep: string;
    switch (s.charCodeAt(i)) {
      case 38:
        rep = '&amp;';
        break;
      case 60:
        rep = '&lt;';
        break;
      case 62:
        rep = '&gt;';
        break;
      case 34:
        rep = '&quot;';
        break;
      case 39:
        rep = '&#39;';
        break;
      default:
        continue;
    }
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return out + s.slice(last);
}

/**
 * Every WHATWG named character reference whose value is ASCII (with its `;`). The URL checks only
 * look at ASCII (scheme letters, `:`, delimiters, whitespace), and any other reference decodes to a
 * non-ASCII character, which a scheme cannot contain, so this table decides them exactly.
 */
const ASCII_NAMED_REFERENCES: Readonly<Record<string, string>> = {
  Tab: '\t',
  NewLine: '\n',
  excl: '!',
  quot: '"',
  QUOT: '"',
  num: '#',
  dollar: '$',
  percnt: '%',
  amp: '&',
  AMP: '&',
  apos: "'",
  lpar: '(',
  rpar: ')',
  ast: '*',
  midast: '*',
  plus: '+',
  comma: ',',
  period: '.',
  sol: '/',
  colon: ':',
  semi: ';',
  lt: '<',
  LT: '<',
  equals: '=',
  gt: '>',
  GT: '>',
  quest: '?',
  commat: '@',
  lsqb: '[',
  lbrack: '[',
  bsol: '\\',
  rsqb: ']',
  rbrack: ']',
  Hat: '^',
  lowbar: '_',
  UnderBar: '_',
  grave: '`',
  DiacriticalGrave: '`',
  lcub: '{',
  lbrace: '{',
  verbar: '|',
  vert: '|',
  VerticalLine: '|',
  rcub: '}',
  rbrace: '}',
  fjlig: 'fj',
};

/** The ASCII references the tokenizer also decodes without a `;` (the legacy ones). */
const LEGACY_ASCII_REFERENCES: readonly string[] = ['amp', 'AMP', 'quot', 'QUOT', 'lt', 'LT', 'gt', 'GT'];

function codePointText(code: number): string {
  // The tokenizer turns NUL, out-of-range and surrogate references into U+FFFD.
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

/**
 * An attribute value as the browser's tokenizer decodes it: numeric references (with or without
 * `;`), named references, and the legacy ones without `;` unless `=` or an alphanumeric follows
 * (the attribute-value rule). Non-ASCII named references are left as written: see the table.
 */
export function decodeAttributeValue(source: string): string {
  if (!source.includes('&')) return source;
  return source.replace(
    /&(?:#([xX])([0-9a-fA-F]+);?|#(\d+);?|([A-Za-z][A-Za-z0-9]*)(;?))/g,
    (match, x, hex, dec, name, semi, offset: number) => {
      if (hex !== undefined || dec !== undefined) {
        const code = x !== undefined ? Number.parseInt(hex as string, 16) : Number.parseInt(dec as string, 10);
        return codePointText(Number.isFinite(code) ? code : 0x110000);
      }
      const named = name as string;
      if (semi === ';' && Object.hasOwn(ASCII_NAMED_REFERENCES, named)) return ASCII_NAMED_REFERENCES[named]!;
      for (const legacy of LEGACY_ASCII_REFERENCES) {
        if (!named.startsWith(legacy)) continue;
        const next = named.length > legacy.length ? named[legacy.length]! : (semi as string) || source[offset + match.length];
        if (next !== undefined && /[=A-Za-z0-9]/.test(next)) return match;
        return ASCII_NAMED_REFERENCES[legacy]! + match.slice(1 + legacy.length);
      }
      return match;
    },
  );
}

/** URL schemes a link or resource may use; anything else with a scheme is refused. */
export const SAFE_URL_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'tel', 'ftp', 'sms']);

/** The only `data:` URLs allowed: raster images, which cannot run script (SVG can, so it is not here). */
const SAFE_DATA_URL = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp);base64,[a-z0-9+/=\s]*$/i;

/** How an attribute's value holds URLs, which decides how it is split before each URL is checked. */
export type UrlForm =
  /** One URL (`href`, `src`, `action`, animation `from`/`to`/`by` of a URL attribute…). */
  | 'url'
  /** Comma-separated image candidates (`srcset`, `imagesrcset`). */
  | 'srcset'
  /** Whitespace-separated URLs (`ping`). */
  | 'ping'
  /** A `;`-separated animation value list (`values` of `<animate attributeName="href">`). */
  | 'values'
  /** `<meta http-equiv="refresh">` content: a delay, then the URL to navigate to. */
  | 'refresh';

/**
 * The scheme the browser's URL parser finds (lower-case), or undefined for a relative URL. The parser
 * strips leading and trailing C0 controls and spaces, drops every tab and newline, then reads a
 * scheme as an ASCII letter followed by letters, digits, `+`, `-` or `.`, ended by `:`.
 */
function schemeOf(url: string): string | undefined {
  const cleaned = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  if (m === null) return undefined;
  const scheme = m[1]!.toLowerCase();
  if (SAFE_URL_SCHEMES.has(scheme)) return undefined;
  if (scheme === 'data' && SAFE_DATA_URL.test(cleaned.split(/\s/)[0]!)) return undefined;
  return scheme;
}

const REFRESH_SPACE = /^[\u0000-\u0020]*/;

/**
 * Every URL a browser might read from refresh content. The HTML standard and Blink differ in how they
 * treat `url=` and quotes, so each reading is returned; C0 controls count as spaces, which only
 * adds readings.
 */
function refreshUrls(content: string): string[] {
  const afterTime = content.replace(REFRESH_SPACE, '').replace(/^[^;,\u0000-\u0020]*/, '');
  const rest = afterTime.replace(REFRESH_SPACE, '').replace(/^[;,]/, '').replace(REFRESH_SPACE, '');
  if (rest === '') return [];
  const bases = [rest];
  const withoutKey = rest.replace(/^url[\u0000-\u0020]*=[\u0000-\u0020]*/i, '');
  if (withoutKey !== rest) bases.push(withoutKey);
  const urls: string[] = [];
  for (const base of bases) {
    urls.push(base);
    const quote = base[0];
    if (quote !== '"' && quote !== "'") continue;
    const inner = base.slice(1);
    urls.push(inner, inner.slice(0, Math.max(0, inner.indexOf(quote))), inner.slice(0, Math.max(0, inner.lastIndexOf(quote))));
  }
  return urls;
}

function urlsIn(value: string, form: UrlForm): string[] {
  switch (form) {
    case 'url':
      return [value];
    case 'srcset':
      // Splitting at every comma also splits data: URLs, so a data: candidate is read without its
      // payload and refused: stricter than the srcset parser, never looser.
      return value.split(',');
    case 'ping':
      return value.split(/[\t\n\f\r ]+/);
    case 'values':
      return value.split(';');
    case 'refresh':
      return refreshUrls(value);
  }
}

/**
 * The active scheme (e.g. `javascript`) of a URL-bearing attribute, or undefined when every URL in it
 * is safe. `source` is the attribute value as it stands in the markup (entities still encoded), so
 * the check sees exactly what the browser will.
 */
export function unsafeUrlScheme(source: string, form: UrlForm): string | undefined {
  const value = decodeAttributeValue(source);
  for (const url of urlsIn(value, form)) {
    const scheme = schemeOf(url);
    if (scheme !== undefined) return scheme;
  }
  return undefined;
}

/** CSS functions a style value may call: none of them load resources or run script. */
const CSS_FUNCTIONS = new Set([
  'rgb',
  'rgba',
  'hsl',
  'hsla',
  'hwb',
  'lab',
  'lch',
  'oklab',
  'oklch',
  'color',
  'calc',
  'min',
  'max',
  'clamp',
  'var',
  'translate',
  'translatex',
  'translatey',
  'translate3d',
  'rotate',
  'scale',
  'scalex',
  'scaley',
  'skew',
  'matrix',
  'linear-gradient',
  'radial-gradient',
  'repeating-linear-gradient',
  'cubic-bezier',
  'steps',
  'minmax',
  'repeat',
]);

/**
 * Why a CSS value is unsafe, or undefined when it is a plain value (`12px`, `#fff`, `rgb(0 0 0 / 50%)`,
 * `bold`, `1.5em`). Quotes, backslashes, `;`, `:`, braces, `<`, `@`, `*` and non-allowlisted functions
 * (`url(`, `expression(`, `image-set(`) cannot appear, so a value never leaves its declaration.
 */
export function unsafeCss(text: string): string | undefined {
  if (!/^[-+\w\s#%.,/()!]*$/.test(text)) return 'only letters, digits, spaces and # % . , / ( ) ! - + _ are allowed';
  if (text.includes('/*') || text.includes('*/')) return 'comments are not allowed';
  for (const m of text.matchAll(/([-\w]*)\s*\(/g)) {
    if (!CSS_FUNCTIONS.has(m[1]!.toLowerCase())) return `the CSS function '${m[1] || '('}' is not allowed`;
  }
  return undefined;
}

/**
 * JSON made safe for a <script> element: nothing in it can end the element or a JS line, and no
 * `'` or backtick can end a surrounding JS string (defence in depth; such positions are refused).
 */
export function scriptSafeJson(json: string): string {
  return json.replace(/[<>&'`\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
