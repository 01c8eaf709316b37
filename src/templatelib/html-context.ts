// A small HTML tokenizer state machine (after the WHATWG tokenizer) that finds the context of each interpolation.
import type { HtmlRefusal } from './errors.js';
import type { UrlForm } from './html-escape.js';

/** Tokenizer states that matter for deciding what an interpolation may be. */
export enum S {
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
  CData,
  RawText,
  RcData,
}

/** What html() does with the interpolation at a position. */
export enum Hole {
  /** Text content: escape; nested Templates, arrays and trusted() markup compose. */
  Text,
  /** Text inside <textarea>/<title> (RCDATA) or <xmp>/<iframe>/<noembed>/<noframes>/<noscript>: escape only. */
  RawEscaped,
  /** A quoted attribute value: escape. */
  Attr,
  /** A quoted attribute value that holds URLs (`urlForm` says how): escape and refuse active schemes. */
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
  /** For Text: the position may be inside <svg>/<math>, so nested markup is read as foreign content. */
  foreign: boolean;
  /** For UrlAttr: how the attribute holds its URLs. */
  urlForm: UrlForm;
  /** For UrlAttr: the static attribute text before this hole, when no other hole precedes it in the value. */
  urlPrefix: string;
  /** For UrlAttr: true when an earlier hole shares this attribute value (its prefix is then dynamic). */
  followsHole: boolean;
  /** For UrlAttr: static attribute text between the previous hole of this attribute and this one. */
  urlSince: string;
  /** For UrlAttr: static text after this hole up to the closing quote, set on the attribute's last hole. */
  urlTail: string | undefined;
  /** For Refused: the reason code and message. */
  refusal?: { code: HtmlRefusal; message: string };
}

/** The analysis of a whole template's static strings: one HoleInfo per interpolation, and the end state. */
export interface TemplateContext {
  holes: HoleInfo[];
  /** Whether the template ends back in text content, outside any <svg>/<math> it opened, so it can be nested. */
  endsInText: boolean;
}

/** Elements whose content is not markup. script/style get special handling; the rest is escaped text. */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
const RCDATA = new Set(['textarea', 'title']);

/** Roots of foreign content: inside them the raw-text elements above hold markup. */
const FOREIGN_ROOTS = new Set(['svg', 'math']);

/** Attributes whose value is a URL the browser may navigate to or load. */
export const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'cite',
  'background',
  'data',
  'codebase',
  'srcset',
  'manifest',
  'ping',
  'longdesc',
  'lowsrc',
  'dynsrc',
  'icon',
  'profile',
  'usemap',
  'classid',
  'archive',
  'itemtype',
  'imagesrcset',
  'xml:base',
]);

/** URL attributes whose value is a list rather than one URL. */
const URL_LIST_FORMS: ReadonlyMap<string, UrlForm> = new Map([
  ['srcset', 'srcset'],
  ['imagesrcset', 'srcset'],
  ['ping', 'ping'],
]);

/** Attributes whose value is markup or script even though they are not `on*`. */
const ACTIVE_ATTRIBUTES = new Set(['srcdoc']);

/** SVG animation elements: they set the attribute named by `attributeName` to their values. */
const ANIMATION_ELEMENTS = new Set(['animate', 'set', 'animatemotion', 'animatetransform']);

/** The attributes of an animation element that carry values for the animated attribute. */
export const ANIMATION_VALUE_ATTRIBUTES: ReadonlySet<string> = new Set(['values', 'from', 'to', 'by']);

/**
 * More readings than this of one template means it keeps opening raw-text elements inside <svg>;
 * rather than track them all, the later holes are refused.
 */
const MAX_READINGS = 16;

enum Js {
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

function newHole(kind: Hole, name = ''): HoleInfo {
  return { kind, name, foreign: false, urlForm: 'url', urlPrefix: '', followsHole: false, urlSince: '', urlTail: undefined };
}

function refused(code: HtmlRefusal, message: string, name = ''): HoleInfo {
  const info = newHole(Hole.Refused, name);
  info.refusal = { code, message };
  return info;
}

/** A hole in an animation value or meta content, decided when the element's other attributes are known. */
interface PendingHole {
  info: HoleInfo;
  form: UrlForm;
}

/**
 * One reading of the template. Where the tree builder decides how the tokenizer goes on (a raw-text
 * element inside <svg>/<math>/<select>, <noscript>, `<![CDATA[`), the reading forks: one copy
 * continues as HTML, the other as foreign content, and each hole must be safe in every reading.
 */
class Reading {
  s = S.Data;
  tagName = '';
  isEndTag = false;
  selfClosing = false;
  attrName = '';
  attrValue = '';
  attrOpen = false;
  attrHoles = 0;
  sinceHole = '';
  lastUrlHole: HoleInfo | undefined = undefined;
  rawEnd = '';
  js = Js.Code;
  /** Open <svg>/<math> elements (an over-estimate: never fewer than the browser has). */
  foreignDepth = 0;
  selectDepth = 0;
  /** Static attribute values of the current tag; null for a value with an interpolation. */
  attrs = new Map<string, string | null>();
  pending: PendingHole[] = [];
  holes: HoleInfo[] = [];

  constructor(foreignDepth: number) {
    this.foreignDepth = foreignDepth;
  }

  fork(): Reading {
    const copy = Object.assign(new Reading(0), this);
    copy.attrs = new Map(this.attrs);
    copy.pending = [...this.pending];
    copy.holes = [...this.holes];
    return copy;
  }

  /** Whether the tree builder may leave raw-text start tags to foreign or select rules here. */
  private mayReadAsMarkup(): boolean {
    return this.foreignDepth > 0 || this.selectDepth > 0 || this.tagName === 'noscript';
  }

  startAttr(name: string): void {
    this.commitAttr();
    this.attrName = name;
    this.attrValue = '';
    this.sinceHole = '';
    this.attrHoles = 0;
    this.attrOpen = true;
    this.lastUrlHole = undefined;
  }

  commitAttr(): void {
    if (!this.attrOpen) return;
    this.attrOpen = false;
    // The first of duplicate attributes wins, as in the tree builder.
    if (!this.attrs.has(this.attrName)) this.attrs.set(this.attrName, this.attrHoles > 0 ? null : this.attrValue);
  }

  /** Ends a tag; returns a second reading when the tree builder could treat it two ways. */
  emitTag(): Reading | undefined {
    this.commitAttr();
    this.resolvePending();
    const name = this.tagName;
    this.attrs.clear();
    if (this.isEndTag) {
      if (FOREIGN_ROOTS.has(name) && this.foreignDepth > 0) this.foreignDepth--;
      if (name === 'select' && this.selectDepth > 0) this.selectDepth--;
      this.s = S.Data;
      return undefined;
    }
    if (FOREIGN_ROOTS.has(name) && !this.selfClosing) this.foreignDepth++;
    if (name === 'select') this.selectDepth++;
    const raw = RAW_TEXT.has(name) || RCDATA.has(name) || name === 'plaintext';
    if (!raw) {
      this.s = S.Data;
      return undefined;
    }
    const markup = this.mayReadAsMarkup() ? this.fork() : undefined;
    if (markup !== undefined) markup.s = S.Data;
    this.js = Js.Code;
    if (name === 'plaintext') {
      this.rawEnd = '\u0000never';
      this.s = S.RcData;
    } else {
      this.rawEnd = name;
      this.s = RAW_TEXT.has(name) ? S.RawText : S.RcData;
    }
    return markup;
  }

  /** Decides the animation-value and meta-content holes of the tag now that all its attributes are known. */
  resolvePending(): void {
    for (const { info, form } of this.pending) {
      if (form === 'refresh') {
        const equiv = this.attrs.get('http-equiv');
        if (equiv === undefined || (equiv !== null && equiv.trim().toLowerCase() !== 'refresh')) info.kind = Hole.Attr;
        continue;
      }
      const target = this.attrs.get('attributename');
      if (target === undefined) {
        info.kind = Hole.Attr; // an animation without attributeName changes nothing
      } else if (target !== null && (target.toLowerCase().startsWith('on') || target.toLowerCase() === 'style')) {
        Object.assign(
          info,
          refused(
            'ERR_HTML_EVENT_HANDLER',
            `an interpolation in the '${info.name}' of an animation of '${target}' is refused: it would set script or CSS`,
            info.name,
          ),
        );
      } else if (target !== null && !URL_ATTRIBUTES.has(target.toLowerCase())) {
        info.kind = Hole.Attr;
      }
    }
    this.pending = [];
  }

  /** Runs this reading over `str` from `start`; forks go to `spawn`, which runs them over the rest. */
  run(str: string, start: number, spawn: (reading: Reading, at: number) => void): void {
    let i = start;
    const emit = (after: number): void => {
      const other = this.emitTag();
      if (other !== undefined) spawn(other, after);
    };
    while (i < str.length) {
      const c = str.charCodeAt(i);
      switch (this.s as S) {
        case S.Data:
          if (c === 60 /* < */) this.s = S.TagOpen;
          i++;
          break;
        case S.TagOpen:
          if (c === 33 /* ! */) {
            this.s = S.MarkupDecl;
            i++;
          } else if (c === 47 /* / */) {
            this.s = S.EndTagOpen;
            i++;
          } else if (isAlpha(c)) {
            this.s = S.TagName;
            this.tagName = '';
            this.isEndTag = false;
            this.selfClosing = false;
          } else if (c === 63 /* ? */) {
            this.s = S.BogusComment;
            i++;
          } else this.s = S.Data;
          break;
        case S.EndTagOpen:
          if (isAlpha(c)) {
            this.s = S.TagName;
            this.tagName = '';
            this.isEndTag = true;
            this.selfClosing = false;
          } else if (c === 62) {
            this.s = S.Data;
            i++;
          } else this.s = S.BogusComment;
          break;
        case S.TagName:
          i++;
          if (isSpace(c)) this.s = S.BeforeAttrName;
          else if (c === 47) this.s = S.SelfClosing;
          else if (c === 62) emit(i);
          else this.tagName += String.fromCharCode(c).toLowerCase();
          break;
        case S.BeforeAttrName:
          if (isSpace(c)) i++;
          else if (c === 47 || c === 62) this.s = S.AfterAttrName;
          else {
            this.startAttr(c === 61 ? '=' : String.fromCharCode(c).toLowerCase());
            this.s = S.AttrName;
            i++;
          }
          break;
        case S.AttrName:
          if (isSpace(c) || c === 47 || c === 62) this.s = S.AfterAttrName;
          else if (c === 61) {
            this.s = S.BeforeAttrValue;
            i++;
          } else {
            this.attrName += String.fromCharCode(c).toLowerCase();
            i++;
          }
          break;
        case S.AfterAttrName:
          if (isSpace(c)) i++;
          else if (c === 47) {
            this.s = S.SelfClosing;
            i++;
          } else if (c === 61) {
            this.s = S.BeforeAttrValue;
            i++;
          } else if (c === 62) {
            i++;
            emit(i);
          } else {
            this.startAttr('');
            this.s = S.AttrName;
          }
          break;
        case S.BeforeAttrValue:
          if (isSpace(c)) i++;
          else if (c === 34) {
            this.s = S.AttrValueDq;
            i++;
          } else if (c === 39) {
            this.s = S.AttrValueSq;
            i++;
          } else if (c === 62) {
            i++;
            emit(i);
          } else this.s = S.AttrValueUnquoted;
          break;
        case S.AttrValueDq:
        case S.AttrValueSq:
          if (c === (this.s === S.AttrValueDq ? 34 : 39)) {
            this.s = S.AfterAttrValueQuoted;
            if (this.lastUrlHole !== undefined) this.lastUrlHole.urlTail = this.sinceHole;
            this.lastUrlHole = undefined;
            this.commitAttr();
          } else {
            this.attrValue += str[i];
            this.sinceHole += str[i];
          }
          i++;
          break;
        case S.AttrValueUnquoted:
          i++;
          if (isSpace(c)) {
            this.commitAttr();
            this.s = S.BeforeAttrName;
          } else if (c === 62) emit(i);
          else this.attrValue += str[i - 1];
          break;
        case S.AfterAttrValueQuoted:
          if (isSpace(c)) {
            this.s = S.BeforeAttrName;
            i++;
          } else if (c === 47) {
            this.s = S.SelfClosing;
            i++;
          } else if (c === 62) {
            i++;
            emit(i);
          } else this.s = S.BeforeAttrName;
          break;
        case S.SelfClosing:
          if (c === 62) {
            // HTML ignores the flag on non-void elements (so <script/> still opens raw text); foreign content honours it.
            this.selfClosing = true;
            i++;
            emit(i);
          } else this.s = S.BeforeAttrName;
          break;
        case S.MarkupDecl:
          if (str.startsWith('--', i)) {
            this.s = S.Comment;
            i += 2;
            // "<!-->" and "<!--->" close at once.
            if (str.startsWith('>', i)) {
              this.s = S.Data;
              i++;
            } else if (str.startsWith('->', i)) {
              this.s = S.Data;
              i += 2;
            }
          } else if (str.startsWith('[CDATA[', i) && this.foreignDepth > 0) {
            // A CDATA section in foreign content, a bogus comment in HTML: read it both ways.
            const cdata = this.fork();
            cdata.s = S.CData;
            spawn(cdata, i + 7);
            this.s = S.BogusComment;
          } else this.s = S.BogusComment;
          break;
        case S.Comment: {
          const a = str.indexOf('-->', i);
          const b = str.indexOf('--!>', i);
          const end = a === -1 ? b : b === -1 ? a : Math.min(a, b);
          if (end === -1) i = str.length;
          else {
            i = end + (end === b ? 4 : 3);
            this.s = S.Data;
          }
          break;
        }
        case S.BogusComment:
        case S.CData: {
          const close = this.s === S.CData ? ']]>' : '>';
          const end = str.indexOf(close, i);
          if (end === -1) i = str.length;
          else {
            i = end + close.length;
            this.s = S.Data;
          }
          break;
        }
        case S.RawText:
        case S.RcData:
          if (c === 60 && str.charCodeAt(i + 1) === 47 && str.slice(i + 2, i + 2 + this.rawEnd.length).toLowerCase() === this.rawEnd) {
            const after = str.charCodeAt(i + 2 + this.rawEnd.length);
            if (isSpace(after) || after === 47 || after === 62 || Number.isNaN(after)) {
              this.s = S.TagName;
              this.tagName = this.rawEnd;
              this.isEndTag = true;
              i += 2 + this.rawEnd.length;
              break;
            }
          }
          if (this.rawEnd === 'script') this.js = scriptStep(this.js, str, i);
          i++;
          break;
      }
    }
  }

  /** The context of an interpolation at the current position. */
  holeHere(): HoleInfo {
    switch (this.s) {
      case S.Data: {
        const info = newHole(Hole.Text);
        info.foreign = this.foreignDepth > 0;
        return info;
      }
      case S.RcData:
      case S.CData:
        return newHole(Hole.RawEscaped, this.rawEnd);
      case S.RawText:
        if (this.rawEnd === 'script') {
          if (this.js === Js.Unsure) {
            return refused(
              'ERR_HTML_RAW_TEXT',
              'an interpolation after a \'/\' in <script> is refused: a regular expression or a division cannot be told apart without parsing JS, so the position might be inside a string — put html.json(value) before it, or in its own <script type="application/json">',
              'script',
            );
          }
          if (this.js !== Js.Code) {
            return refused(
              'ERR_HTML_RAW_TEXT',
              'an interpolation inside a JavaScript string or comment in <script> is refused: put html.json(value) where an expression goes, outside quotes',
              'script',
            );
          }
          return newHole(Hole.Script, 'script');
        }
        return newHole(this.rawEnd === 'style' ? Hole.Style : Hole.RawEscaped, this.rawEnd);
      case S.TagOpen:
      case S.EndTagOpen:
      case S.TagName:
        return refused('ERR_HTML_TAG_NAME', 'an interpolation in a tag name is refused: tag names must be static text');
      case S.BeforeAttrName:
      case S.AttrName:
      case S.AfterAttrName:
      case S.SelfClosing:
        return refused(
          'ERR_HTML_ATTRIBUTE_NAME',
          `an interpolation in an attribute name${this.tagName ? ` of <${this.tagName}>` : ''} is refused: attribute names must be static text`,
        );
      case S.BeforeAttrValue:
      case S.AttrValueUnquoted:
      case S.AfterAttrValueQuoted:
        return refused(
          'ERR_HTML_UNQUOTED_ATTRIBUTE',
          `an interpolation in the unquoted value of attribute '${this.attrName}' is refused: quote it (${this.attrName}="\${…}")`,
        );
      case S.Comment:
      case S.MarkupDecl:
      case S.BogusComment:
        return refused('ERR_HTML_COMMENT', 'an interpolation inside an HTML comment or <!…> declaration is refused');
      case S.AttrValueDq:
      case S.AttrValueSq:
        return this.attributeHole();
    }
  }

  private attributeHole(): HoleInfo {
    const name = this.attrName;
    const tag = this.tagName;
    const info = newHole(Hole.Attr, name);
    // Every attribute hole tracks its static surroundings, because whether it holds a URL may be
    // decided only at the end of the tag (animation values, meta content).
    info.urlPrefix = this.attrValue;
    info.followsHole = this.attrHoles > 0;
    info.urlSince = this.sinceHole;
    this.sinceHole = '';
    this.attrHoles++;
    this.lastUrlHole = info;
    if (name.startsWith('on')) {
      return refused(
        'ERR_HTML_EVENT_HANDLER',
        `an interpolation in the event-handler attribute '${name}' is refused: attach handlers from script, or pass data through a data-* attribute`,
        name,
      );
    }
    if (ACTIVE_ATTRIBUTES.has(name)) {
      return refused('ERR_HTML_EVENT_HANDLER', `an interpolation in the '${name}' attribute (markup the browser parses) is refused`, name);
    }
    if (name === 'style') {
      info.kind = Hole.StyleAttr;
      return info;
    }
    if (ANIMATION_ELEMENTS.has(tag)) {
      if (name === 'attributename') {
        return refused(
          'ERR_HTML_ATTRIBUTE_NAME',
          `an interpolation in the attributeName of <${tag}> is refused: it names the attribute the animation sets, and attribute names must be static text`,
          name,
        );
      }
      if (ANIMATION_VALUE_ATTRIBUTES.has(name)) {
        info.kind = Hole.UrlAttr;
        info.urlForm = name === 'values' ? 'values' : 'url';
        this.pending.push({ info, form: info.urlForm });
        return info;
      }
    }
    if (tag === 'meta' && name === 'content') {
      info.kind = Hole.UrlAttr;
      info.urlForm = 'refresh';
      this.pending.push({ info, form: 'refresh' });
      return info;
    }
    if (URL_ATTRIBUTES.has(name)) {
      info.kind = Hole.UrlAttr;
      info.urlForm = URL_LIST_FORMS.get(name) ?? 'url';
    }
    return info;
  }
}

/** The rule for a hole that two readings of the template place differently: whatever is safe in both. */
function mergeHoles(a: HoleInfo, b: HoleInfo): HoleInfo {
  if (a === b || b.kind === Hole.Refused) return b;
  if (a.kind === Hole.Refused) return a;
  const rank = (h: HoleInfo): number => (h.kind === Hole.Text ? 0 : h.kind === Hole.RawEscaped ? 1 : h.kind === Hole.Attr ? 2 : 3);
  const [low, high] = rank(a) <= rank(b) ? [a, b] : [b, a];
  if (high.kind === Hole.Text) return { ...high, foreign: high.foreign || low.foreign };
  if (high.kind === low.kind && high.kind !== Hole.UrlAttr) return high;
  if (high.kind === Hole.UrlAttr && low.kind === Hole.UrlAttr) {
    const same =
      high.urlForm === low.urlForm &&
      high.urlPrefix === low.urlPrefix &&
      high.followsHole === low.followsHole &&
      high.urlSince === low.urlSince &&
      high.urlTail === low.urlTail;
    if (same) return high;
  } else if (rank(low) <= 1) {
    // Escaped text is inert wherever it lands, and html.json()/html.css() text holds no `<` or `&`,
    // so the stricter rule is also safe in the text reading.
    return high;
  } else if (high.kind === Hole.UrlAttr || high.kind === Hole.StyleAttr) {
    return high; // both escape; the stricter check applies
  }
  return refused(
    'ERR_HTML_AMBIGUOUS_CONTEXT',
    'an interpolation whose meaning differs between HTML and SVG/MathML (or <noscript>/<select>) parsing is refused: close the <svg>/<math>/<select> first, or move the raw-text element out of it',
    high.name,
  );
}

/** Folds `from`'s holes into `into`'s, hole by hole, when two readings have come back together. */
function absorb(into: Reading, from: Reading): void {
  for (let h = 0; h < into.holes.length; h++) into.holes[h] = mergeHoles(into.holes[h]!, from.holes[h]!);
}

/**
 * Walks the static strings through the tokenizer and records the context at each interpolation.
 * `foreign` starts the walk inside <svg>/<math>, for a Template nested where foreign content may be open.
 */
export function analyzeHtml(strings: readonly string[], foreign = false): TemplateContext {
  const startDepth = foreign ? 1 : 0;
  let readings: Reading[] = [new Reading(startDepth)];
  let overflow = false;
  for (let k = 0; k < strings.length; k++) {
    const str = strings[k]!;
    const next: Reading[] = [];
    const runFrom = (reading: Reading, at: number): void => {
      next.push(reading);
      if (next.length > MAX_READINGS) overflow = true;
      else reading.run(str, at, runFrom);
    };
    for (const reading of readings) runFrom(reading, 0);
    readings = converge(next.slice(0, MAX_READINGS));
    if (k < strings.length - 1) {
      for (const reading of readings) {
        reading.holes.push(
          overflow
            ? refused(
                'ERR_HTML_AMBIGUOUS_CONTEXT',
                'an interpolation after too many raw-text elements inside <svg>/<math> is refused: the template can be read too many ways to check',
              )
            : reading.holeHere(),
        );
      }
    }
  }
  for (const reading of readings) {
    // A tag left open at the end keeps its strictest reading: its other attributes are not known.
    reading.pending = [];
    // A template that ends inside a URL attribute: check what its last hole saw.
    if (reading.lastUrlHole !== undefined) reading.lastUrlHole.urlTail = reading.sinceHole;
  }
  const first = readings[0]!;
  for (const other of readings.slice(1)) absorb(first, other);
  const endsInText = readings.every((r) => r.s === S.Data && r.foreignDepth === startDepth);
  return { holes: first.holes, endsInText };
}

/** Readings that are back in text content at the same depth read the rest alike: keep one, with both sets of holes. */
function converge(readings: Reading[]): Reading[] {
  const kept: Reading[] = [];
  for (const reading of readings) {
    const twin =
      reading.s === S.Data
        ? kept.find((k) => k.s === S.Data && k.foreignDepth === reading.foreignDepth && k.selectDepth === reading.selectDepth)
        : undefined;
    if (twin === undefined) kept.push(reading);
    else absorb(twin, reading);
  }
  return kept;
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
