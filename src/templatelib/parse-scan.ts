// The token-level checks CPython's tokenizer makes over a whole t-string, for reporting errors in CPython's order.

/** What the scan found: the first error the tokenizer raises, or the brackets still open at the end. */
export type ScanResult =
  | { kind: 'error'; message: string; offset: number }
  | { kind: 'open'; bracket: string; offset: number; line: number }
  | { kind: 'clean' };

/**
 * CPython's MAX_EXPR_NESTING: a replacement field may sit in the format spec of a field that itself
 * sits in a format spec (`{x:{w:{p}}}`), and no deeper ("expressions nested too deeply").
 */
export const MAX_FIELD_NESTING = 3;

/**
 * CPython's tokenizer MAXLEVEL: at most this many brackets (`{` of a field, `[` of an index) open at
 * once ("too many nested parentheses"). It also bounds the parser's and the resolver's recursion.
 */
export const MAX_BRACKET_LEVEL = 200;

/** Characters that may belong to a NAME token in CPython's tokenizer (validated afterwards, PEP 3131). */
export const NAME_CHAR = /[A-Za-z0-9_\u0080-\u{10ffff}]/u;
/** What Python's str.isprintable() refuses (space excepted). */
export const NON_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

interface Bracket {
  char: string;
  offset: number;
  line: number;
  /** For a field's `{`: the index in the field stack it opened. */
  field: boolean;
}

/**
 * CPython reports a grammar error only after tokenizing the rest of the source: a tokenizer error
 * anywhere wins over it, and a bracket left open at the end becomes "'{' was never closed" when the
 * grammar error sits on a later line. This scan is that tokenizer pass, over Template.parse's source
 * read as the body of a raw triple-quoted t-string.
 */
export function scanTokens(src: string): ScanResult {
  const brackets: Bracket[] = [];
  /** The bracket depth at which each open field's expression starts; the field is in its spec when `inSpec`. */
  const fields: { depth: number; inSpec: boolean; afterField: boolean }[] = [];
  let line = 1;
  let pos = 0;
  const error = (message: string, offset = pos): ScanResult => ({ kind: 'error', message, offset });
  const text = (): boolean => fields.length === 0 || fields[fields.length - 1]!.inSpec;
  while (pos < src.length) {
    const ch = src[pos]!;
    if (text()) {
      const inSpec = fields.length > 0;
      if (ch === '{') {
        if ((!inSpec || fields[fields.length - 1]!.afterField) && src[pos + 1] === '{') {
          pos += 2;
          continue;
        }
        if (fields.length >= MAX_FIELD_NESTING) return error('t-string: expressions nested too deeply');
        if (brackets.length >= MAX_BRACKET_LEVEL) return error('too many nested parentheses');
        brackets.push({ char: '{', offset: pos, line, field: true });
        fields.push({ depth: brackets.length, inSpec: false, afterField: false });
        pos++;
        continue;
      }
      if (ch === '}') {
        if (!inSpec) {
          if (src[pos + 1] !== '}') return error("t-string: single '}' is not allowed");
          pos += 2;
          continue;
        }
        fields[fields.length - 1]!.inSpec = false;
        continue; // the `}` closes the field, read in expression mode
      }
      if (ch === '\n') line++;
      pos++;
      continue;
    }
    // Inside a field's expression: Python tokens.
    const field = fields[fields.length - 1]!;
    if (ch === ' ' || ch === '\t' || ch === '\f' || ch === '\r') {
      pos++;
    } else if (ch === '\n') {
      line++;
      pos++;
    } else if (ch === '#') {
      while (pos < src.length && src[pos] !== '\n') pos++;
      if (pos >= src.length) break; // the comment hides the closing quotes: the end of input, brackets open
    } else if (ch === '\\') {
      const next = src[pos + 1] === '\r' ? pos + 2 : pos + 1;
      if (src[next] !== '\n') return error('unexpected character after line continuation character', pos + 1);
      pos = next + 1;
      line++;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      if (brackets.length >= MAX_BRACKET_LEVEL) return error('too many nested parentheses');
      brackets.push({ char: ch, offset: pos, line, field: false });
      pos++;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      const open = brackets.pop();
      if (open === undefined) return error(`unmatched '${ch}'`);
      const pair = { '(': ')', '[': ']', '{': '}' }[open.char];
      if (pair !== ch) {
        if (open.field) return error(`t-string: unmatched '${ch}'`);
        return error(
          open.line !== line
            ? `closing parenthesis '${ch}' does not match opening parenthesis '${open.char}' on line ${open.line}`
            : `closing parenthesis '${ch}' does not match opening parenthesis '${open.char}'`,
        );
      }
      pos++;
      if (open.field) {
        fields.pop();
        const parent = fields[fields.length - 1];
        if (parent !== undefined) parent.afterField = true;
      }
    } else if (ch === ':' && brackets.length === field.depth) {
      field.inSpec = true;
      pos++;
    } else if (ch === "'" || ch === '"') {
      const end = skipString(src, pos);
      if (typeof end === 'string') return error(end, pos);
      for (let i = pos; i < end; i++) if (src[i] === '\n') line++;
      pos = end;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(src[pos + 1] ?? ''))) {
      const end = skipNumber(src, pos);
      if (typeof end === 'string') return error(end);
      pos = end;
    } else if (NAME_CHAR.test(ch)) {
      const start = pos;
      while (pos < src.length && NAME_CHAR.test(src[pos]!)) pos++;
      // A string prefix (r, u, b, f, t and their mixes) glued to a quote.
      if ((src[pos] === "'" || src[pos] === '"') && /^(?:[rRbBuUfFtT]{1,2})$/.test(src.slice(start, pos))) continue;
      for (const c of src.slice(start, pos)) {
        const cp = c.codePointAt(0)!;
        if (cp >= 0x80 && !/^[\p{XID_Continue}]$/u.test(c)) {
          const hex = cp.toString(16).toUpperCase().padStart(4, '0');
          return NON_PRINTABLE.test(c) ? error(`invalid non-printable character U+${hex}`) : error(`invalid character '${c}' (U+${hex})`);
        }
      }
    } else {
      const cp = src.codePointAt(pos)!;
      const c = String.fromCodePoint(cp);
      if (NON_PRINTABLE.test(c)) return error(`invalid non-printable character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
      pos += c.length;
    }
  }
  // The closing quotes: in an expression they would open a string, which CPython reports as a missing '}'.
  if (!text() && src[pos - 1] !== undefined && !/#[^\n]*$/.test(src)) return error("t-string: expecting '}'");
  const open = brackets[brackets.length - 1];
  return open === undefined ? { kind: 'clean' } : { kind: 'open', bracket: open.char, offset: open.offset, line: open.line };
}

/** The end of the string literal at `pos`, or CPython's message when it is unterminated. */
export function skipString(src: string, pos: number): number | string {
  const q = src[pos]!;
  const triple = src[pos + 1] === q && src[pos + 2] === q;
  let i = pos + (triple ? 3 : 1);
  const startLine = src.slice(0, pos).split('\n').length;
  for (;;) {
    const c = src[i];
    if (c === undefined || (!triple && c === '\n')) {
      const line = triple ? src.split('\n').length : startLine;
      return `unterminated ${triple ? 'triple-quoted ' : ''}string literal (detected at line ${line})`;
    }
    if (c === '\\') i += 2;
    else if (c === q && (!triple || (src[i + 1] === q && src[i + 2] === q))) return i + (triple ? 3 : 1);
    else i++;
  }
}

/** The end of the number literal at `pos`, or CPython's tokenizer message for a malformed one. */
export function skipNumber(src: string, pos: number): number | string {
  const m =
    /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:[0-9](?:_?[0-9])*)?\.?(?:[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?[jJ]?)/.exec(
      src.slice(pos),
    );
  const text = m?.[0] ?? '';
  const next = src[pos + text.length] ?? '';
  const kind = /^0[xX]/.test(text) ? 'hexadecimal' : /^0[oO]/.test(text) ? 'octal' : /^0[bB]/.test(text) ? 'binary' : 'decimal';
  if (/^0[xXoObB]/.test(src.slice(pos, pos + 2)) && !/^0[xXoObB]/.test(text)) {
    // A base prefix with no digit after it.
    const prefix = src[pos + 1]!.toLowerCase();
    const bad = src[pos + 2] ?? '';
    if (prefix === 'o' && /[0-9]/.test(bad)) return `invalid digit '${bad}' in octal literal`;
    if (prefix === 'b' && /[0-9]/.test(bad)) return `invalid digit '${bad}' in binary literal`;
    return `invalid ${prefix === 'x' ? 'hexadecimal' : prefix === 'o' ? 'octal' : 'binary'} literal`;
  }
  if (kind === 'octal' && /[89]/.test(next)) return `invalid digit '${next}' in octal literal`;
  if (kind === 'binary' && /[2-9]/.test(next)) return `invalid digit '${next}' in binary literal`;
  if (next === '_' || /[A-Za-z0-9]/.test(next)) return `invalid ${kind} literal`;
  if (kind === 'decimal' && /^0+[0-9_]*[1-9]/.test(text) && !/[.eEjJ]/.test(text)) {
    return 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers';
  }
  return pos + text.length;
}

/** Where the token starting at `pos` ends (a name, number or string; one character otherwise). */
export function tokenEnd(src: string, pos: number): number {
  const ch = src[pos] ?? '';
  if (ch === "'" || ch === '"') {
    const end = skipString(src, pos);
    return typeof end === 'number' ? end : src.length;
  }
  if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(src[pos + 1] ?? ''))) {
    const end = skipNumber(src, pos);
    return typeof end === 'number' ? end : pos + 1;
  }
  let end = pos;
  while (end < src.length && NAME_CHAR.test(src[end]!)) end++;
  if (end > pos && (src[end] === "'" || src[end] === '"') && /^[rRbBuUfFtT]{1,2}$/.test(src.slice(pos, end))) return tokenEnd(src, end);
  return Math.max(end, pos + 1);
}
