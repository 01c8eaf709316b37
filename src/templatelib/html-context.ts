// A small HTML tokenizer state machine (after the WHATWG tokenizer) that finds the context of each interpolation.

/** Tokenizer states that matter for deciding what an interpolation may be. */
export const enum S {
  Data,
  TagOpen,
  EndTagOpen,
  TagName,
  BeforeAttrName,
  AttrName,
  AfterAttrName,
  BeforeAttrValue,
  AttrValueDq,
  AttrValueSq,
  AttrValueUnquoted,
  AfterAttrValueQuoted,
  SelfClosing,
  MarkupDecl,
  Comment,
  BogusComment,
  RawText,
  RcData,
}

/** What html() does with the interpolation at a position. */
export const enum Hole {
  /** Text content: escape; nested Templates, arrays and trusted() markup compose. */
  Text,
  /** Text inside <textarea>/<title> (RCDATA) or <xmp>/<iframe>/<noembed>/<noframes>/<noscript>: escape only. */
  RawEscaped,
  /** A quoted attribute value: escape. */
  Attr,
  /** A quoted URL attribute value: escape and refuse active schemes. */
  UrlAttr,
  /** A quoted style attribute: only html.css() values. */
  StyleAttr,
  /** Inside <script>, outside JS strings and comments: only html.json() values. */
  Script,
  /** Inside <style>: only html.css() values. */
  Style,
  /** Refused whatever the value (`refusal` says why). */
  Refused,
}

/** The analysis of one interpolation position. */
export interface HoleInfo {
  kind: Hole;
  /** Lower-case attribute name for attribute holes, tag name for raw text. */
  name: string;
  /** For UrlAttr: the static attribute text before this hole, when no other hole precedes it in the value. */
  urlPrefix: string;
  /** For UrlAttr: true when an earlier hole shares this attribute value (its prefix is then dynamic). */
  followsHole: boolean;
  /** For UrlAttr: static attribute text between the previous hole of this attribute and this one. */
  urlSince: string;
  /** For UrlAttr: static text after this hole up to the closing quote, set on the attribute's last hole. */
  urlTail: string | undefined;
  /** For Refused: the reason code and message. */
  refusal?: { code: import('./errors.js').HtmlRefusal; message: string };
}

/** Elements whose content is not markup. script/style get special handling; the rest is escaped text. */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
const RCDATA = new Set(['textarea', 'title']);

/** Attributes whose value is a URL the browser may navigate to or load. */
export const URL_ATTRIBUTES = new Set([
  'href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'cite', 'background', 'data', 'codebase',
  'srcset', 'manifest', 'ping', 'longdesc', 'lowsrc', 'dynsrc', 'icon', 'profile', 'usemap', 'classid',
  'archive', 'itemtype', 'imagesrcset',
]);

/** Attributes whose value is markup or script even though they are not `on*`. */
const ACTIVE_ATTRIBUTES = new Set(['srcdoc']);

const enum Js {
  Code,
  Sq,
  Dq,
  Template,
  SqEscape,
  DqEscape,
  TemplateEscape,
  LineComment,
  BlockComment,
  Unsure,
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isSpace(c: number): boolean {
  return c === 9 || c === 10 || c === 12 || c === 13 || c === 32;
}

/** The analysis of a whole template's static strings: one HoleInfo per interpolation, and the end state. */
export interface TemplateContext {
  holes: HoleInfo[];
  /** Whether the template ends back in text content, so it can be nested in another template's text. */
  endsInText: boolean;
}

/** Walks the static strings through the tokenizer and records the context at each interpolation. */
export function analyzeHtml(strings: readonly string[]): TemplateContext {
  let s = S.Data;
  let tagName = '';
  let isEndTag = false;
  let attrName = '';
  let attrValue = '';
  let attrHoles = 0;
  let sinceHole = '';
  let lastUrlHole: HoleInfo | undefined;
  let rawEnd = '';
  let js = Js.Code;
  const holes: HoleInfo[] = [];

  const startAttr = (c: string) => {
    attrName = c;
    attrValue = '';
    sinceHole = '';
    attrHoles = 0;
    lastUrlHole = undefined;
  };
  const emitTag = () => {
    if (!isEndTag && (RAW_TEXT.has(tagName) || RCDATA.has(tagName))) {
      rawEnd = tagName;
      js = Js.Code;
      s = RAW_TEXT.has(tagName) ? S.RawText : S.RcData;
    } else if (!isEndTag && tagName === 'plaintext') {
      rawEnd = '\u0000never';
      s = S.RcData;
    } else s = S.Data;
  };

  for (let k = 0; k < strings.length; k++) {
    const str = strings[k]!;
    let i = 0;
    while (i < str.length) {
      const c = str.charCodeAt(i);
      switch (s as S) {
        case S.Data:
          if (c === 60 /* < */) s = S.TagOpen;
          i++;
          break;
        case S.TagOpen:
          if (c === 33 /* ! */) {
            s = S.MarkupDecl;
            i++;
          } else if (c === 47 /* / */) {
            s = S.EndTagOpen;
            i++;
          } else if (isAlpha(c)) {
            s = S.TagName;
            tagName = '';
            isEndTag = false;
          } else if (c === 63 /* ? */) {
            s = S.BogusComment;
            i++;
          } else s = S.Data;
          break;
        case S.EndTagOpen:
          if (isAlpha(c)) {
            s = S.TagName;
            tagName = '';
            isEndTag = true;
          } else if (c === 62) {
            s = S.Data;
            i++;
          } else s = S.BogusComment;
          break;
        case S.TagName:
          if (isSpace(c)) s = S.BeforeAttrName;
          else if (c === 47) s = S.SelfClosing;
          else if (c === 62) emitTag();
          else tagName += String.fromCharCode(c).toLowerCase();
          i++;
          break;
        case S.BeforeAttrName:
          if (isSpace(c)) i++;
          else if (c === 47 || c === 62) s = S.AfterAttrName;
          else {
            startAttr(c === 61 ? '=' : String.fromCharCode(c).toLowerCase());
            s = S.AttrName;
            i++;
          }
          break;
        case S.AttrName:
          if (isSpace(c) || c === 47 || c === 62) s = S.AfterAttrName;
          else if (c === 61) {
            s = S.BeforeAttrValue;
            i++;
          } else {
            attrName += String.fromCharCode(c).toLowerCase();
            i++;
          }
          break;
        case S.AfterAttrName:
          if (isSpace(c)) i++;
          else if (c === 47) {
            s = S.SelfClosing;
            i++;
          } else if (c === 61) {
            s = S.BeforeAttrValue;
            i++;
          } else if (c === 62) {
            emitTag();
            i++;
          } else {
            startAttr('');
            s = S.AttrName;
          }
          break;
        case S.BeforeAttrValue:
          if (isSpace(c)) i++;
          else if (c === 34) {
            s = S.AttrValueDq;
            i++;
          } else if (c === 39) {
            s = S.AttrValueSq;
            i++;
          } else if (c === 62) {
            emitTag();
            i++;
          } else s = S.AttrValueUnquoted;
          break;
        case S.AttrValueDq:
        case S.AttrValueSq:
          if (c === (s === S.AttrValueDq ? 34 : 39)) {
            s = S.AfterAttrValueQuoted;
            if (lastUrlHole !== undefined) lastUrlHole.urlTail = sinceHole;
            lastUrlHole = undefined;
          } else {
            attrValue += str[i];
            sinceHole += str[i];
          }
          i++;
          break;
        case S.AttrValueUnquoted:
          if (isSpace(c)) s = S.BeforeAttrName;
          else if (c === 62) emitTag();
          i++;
          break;
        case S.AfterAttrValueQuoted:
          if (isSpace(c)) {
            s = S.BeforeAttrName;
            i++;
          } else if (c === 47) {
            s = S.SelfClosing;
            i++;
          } else if (c === 62) {
            emitTag();
            i++;
          } else s = S.BeforeAttrName;
          break;
        case S.SelfClosing:
          if (c === 62) {
            s = S.Data; // self-closing syntax never opens raw text in HTML, but <script/> does: be strict.
            emitTag();
            i++;
          } else s = S.BeforeAttrName;
          break;
        case S.MarkupDecl:
          if (str.startsWith('--', i)) {
            s = S.Comment;
            i += 2;
            // "<!-->" and "<!--->" close at once.
            if (str.startsWith('>', i)) {
              s = S.Data;
              i++;
            } else if (str.startsWith('->', i)) {
              s = S.Data;
              i += 2;
            }
          } else s = S.BogusComment;
          break;
        case S.Comment: {
          const a = str.indexOf('-->', i);
          const b = str.indexOf('--!>', i);
          const end = a === -1 ? b : b === -1 ? a : Math.min(a, b);
          if (end === -1) i = str.length;
          else {
            i = end + (end === b ? 4 : 3);
            s = S.Data;
          }
          break;
        }
        case S.BogusComment: {
          const end = str.indexOf('>', i);
          if (end === -1) i = str.length;
          else {
            i = end + 1;
            s = S.Data;
          }
          break;
        }
        case S.RawText:
        case S.RcData:
          if (c === 60 && str.charCodeAt(i + 1) === 47 && str.slice(i + 2, i + 2 + rawEnd.length).toLowerCase() === rawEnd) {
            const after = str.charCodeAt(i + 2 + rawEnd.length);
            if (isSpace(after) || after === 47 || after === 62 || Number.isNaN(after)) {
              s = S.TagName;
              tagName = rawEnd;
              isEndTag = true;
              i += 2 + rawEnd.length;
              break;
            }
          }
          if (rawEnd === 'script') js = scriptStep(js, str, i);
          i++;
          break;
      }
    }
    if (k < strings.length - 1) holes.push(holeAt());
  }
  // A template that ends inside a URL attribute: check what its last hole saw.
  if (lastUrlHole !== undefined) lastUrlHole.urlTail = sinceHole;
  return { holes, endsInText: s === S.Data };

  function holeAt(): HoleInfo {
    const info: HoleInfo = { kind: Hole.Refused, name: '', urlPrefix: '', followsHole: false, urlSince: '', urlTail: undefined };
    const refuse = (code: import('./errors.js').HtmlRefusal, message: string): HoleInfo => {
      info.refusal = { code, message };
      return info;
    };
    switch (s) {
      case S.Data:
        info.kind = Hole.Text;
        return info;
      case S.RcData:
        info.kind = Hole.RawEscaped;
        info.name = rawEnd;
        return info;
      case S.RawText:
        info.name = rawEnd;
        if (rawEnd === 'script') {
          if (js === Js.Unsure) {
            return refuse('raw-text', "an interpolation after a '/' in <script> is refused: a regular expression or a division cannot be told apart without parsing JS, so the position might be inside a string — put html.json(value) before it, or in its own <script type=\"application/json\">");
          }
          if (js !== Js.Code) {
            return refuse('raw-text', 'an interpolation inside a JavaScript string or comment in <script> is refused: put html.json(value) where an expression goes, outside quotes');
          }
          info.kind = Hole.Script;
          return info;
        }
        if (rawEnd === 'style') {
          info.kind = Hole.Style;
          return info;
        }
        info.kind = Hole.RawEscaped;
        return info;
      case S.TagOpen:
      case S.EndTagOpen:
      case S.TagName:
        return refuse('tag-name', 'an interpolation in a tag name is refused: tag names must be static text');
      case S.BeforeAttrName:
      case S.AttrName:
      case S.AfterAttrName:
      case S.SelfClosing:
        return refuse('attribute-name', `an interpolation in an attribute name${tagName ? ` of <${tagName}>` : ''} is refused: attribute names must be static text`);
      case S.BeforeAttrValue:
      case S.AttrValueUnquoted:
      case S.AfterAttrValueQuoted:
        return refuse('unquoted-attribute', `an interpolation in the unquoted value of attribute '${attrName}' is refused: quote it (${attrName}="\${…}")`);
      case S.Comment:
      case S.MarkupDecl:
      case S.BogusComment:
        return refuse('comment', 'an interpolation inside an HTML comment or <!…> declaration is refused');
      case S.AttrValueDq:
      case S.AttrValueSq: {
        info.name = attrName;
        const follows = attrHoles > 0;
        attrHoles++;
        if (attrName.startsWith('on')) {
          return refuse('event-handler', `an interpolation in the event-handler attribute '${attrName}' is refused: attach handlers from script, or pass data through a data-* attribute`);
        }
        if (ACTIVE_ATTRIBUTES.has(attrName)) {
          return refuse('event-handler', `an interpolation in the '${attrName}' attribute (markup the browser parses) is refused`);
        }
        if (attrName === 'style') {
          info.kind = Hole.StyleAttr;
          return info;
        }
        if (URL_ATTRIBUTES.has(attrName)) {
          info.kind = Hole.UrlAttr;
          info.urlPrefix = attrValue;
          info.followsHole = follows;
          info.urlSince = sinceHole;
          sinceHole = '';
          lastUrlHole = info;
          return info;
        }
        info.kind = Hole.Attr;
        return info;
      }
    }
  }
}

/**
 * Advances the JS lexical state over one character of <script> text: strings (with escapes), template
 * literals and comments. A `/` that is neither comment opener could start a regular expression
 * (whose quotes are not strings) or be a division: JS needs a parser to tell, so the state becomes
 * Unsure and stays so until </script> — holes after it are refused rather than guessed.
 */
function scriptStep(js: Js, str: string, i: number): Js {
  const c = str[i];
  switch (js) {
    case Js.Code:
      if (c === "'") return Js.Sq;
      if (c === '"') return Js.Dq;
      if (c === '`') return Js.Template;
      if (c === '/') {
        if (str[i + 1] === '/') return Js.LineComment;
        if (str[i + 1] === '*') return Js.BlockComment;
        return Js.Unsure;
      }
      return js;
    case Js.Sq:
      return c === '\\' ? Js.SqEscape : c === "'" ? Js.Code : js;
    case Js.Dq:
      return c === '\\' ? Js.DqEscape : c === '"' ? Js.Code : js;
    case Js.Template:
      return c === '\\' ? Js.TemplateEscape : c === '`' ? Js.Code : js;
    case Js.SqEscape:
      return Js.Sq;
    case Js.DqEscape:
      return Js.Dq;
    case Js.TemplateEscape:
      return Js.Template;
    case Js.LineComment:
      return c === '\n' ? Js.Code : js;
    case Js.BlockComment:
      return c === '/' && str[i - 1] === '*' ? Js.Code : js;
    case Js.Unsure:
      return js;
  }
}
