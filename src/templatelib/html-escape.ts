// Escaping and value checks for html(): entity escaping, URL scheme policy, CSS-safe values, script-safe JSON.

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

/** URL schemes a link or resource may use; anything else with a scheme is refused. */
export const SAFE_URL_SCHEMES: ReadonlySet<string> = new Set(['http', 'https', 'mailto', 'tel', 'ftp', 'sms']);

/** The only `data:` URLs allowed: raster images, which cannot run script (SVG can, so it is not here). */
const SAFE_DATA_URL = /^data:image\/(?:png|gif|jpe?g|webp|avif|bmp);base64,[a-z0-9+/=\s]*$/i;

const NAMED_ENTITIES: Record<string, string> = { colon: ':', tab: '\t', newline: '\n', sol: '/', quest: '?', num: '#', amp: '&' };

/** What a browser sees in a URL attribute: entities decoded, control characters and whitespace ignored. */
function normalizeUrl(raw: string): string {
  const decoded = raw.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? m;
  });
  // Browsers strip leading C0 controls/space and drop tab/newline anywhere in a URL.
  return decoded.replace(/[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
}

/** The active scheme of a URL attribute value (e.g. `javascript`), or undefined when it is safe. */
export function unsafeUrlScheme(raw: string, attribute: string): string | undefined {
  if (attribute !== 'srcset' && attribute !== 'imagesrcset') {
    // Fast path: scan to the first delimiter. A '/', '?' or '#' before any ':' means a relative URL;
    // entities or control characters first send the URL through the browser-like normalisation.
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i);
      if (c === 47 || c === 63 || c === 35) return undefined;
      if (c <= 0x20 || c === 38 || c === 58) break;
      if (i === raw.length - 1) return undefined;
    }
  }
  const candidates = attribute === 'srcset' || attribute === 'imagesrcset' ? raw.split(',') : [raw];
  for (const candidate of candidates) {
    const url = normalizeUrl(candidate.trim());
    const m = /^([^:/?#]*):/.exec(url);
    if (m === null) continue; // relative URL: no scheme
    const scheme = m[1]!.toLowerCase();
    if (SAFE_URL_SCHEMES.has(scheme)) continue;
    if (scheme === 'data' && SAFE_DATA_URL.test(url.split(/\s/)[0]!)) continue;
    return scheme || ':';
  }
  return undefined;
}

/** CSS functions a style value may call: none of them load resources or run script. */
const CSS_FUNCTIONS = new Set([
  'rgb', 'rgba', 'hsl', 'hsla', 'hwb', 'lab', 'lch', 'oklab', 'oklch', 'color', 'calc', 'min', 'max', 'clamp', 'var',
  'translate', 'translatex', 'translatey', 'translate3d', 'rotate', 'scale', 'scalex', 'scaley', 'skew', 'matrix',
  'linear-gradient', 'radial-gradient', 'repeating-linear-gradient', 'cubic-bezier', 'steps', 'minmax', 'repeat',
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
  return json.replace(/[<>&'`\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
