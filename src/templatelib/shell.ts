// The shell() processor: an argv array for execFile/spawn — each interpolation stays inside its own argument.
import { convert } from './convert.js';
import { ShellTemplateError } from './errors.js';
import { formatValue } from './format.js';
import type { Interpolation } from './interpolation.js';
import { Template, templateOf } from './template.js';

/** Characters a shell would treat as operators; with no shell they would silently be literal text. */
const OPERATORS = new Set(['|', '&', ';', '<', '>', '(', ')', '`']);

function label(index: number, item: Interpolation): string {
  return `interpolation #${index}${item.expression ? ` {${item.expression}}` : ''}`;
}

function argText(value: unknown, index: number, item: Interpolation): string {
  if (value === null || value === undefined) {
    throw new ShellTemplateError(`shell(): ${label(index, item)} is ${value}; pass '' for an empty argument or leave it out`, { index });
  }
  if (typeof value === 'object' && !(value instanceof Date) && item.formatSpec === '' && item.conversion === null) {
    throw new ShellTemplateError(`shell(): ${label(index, item)} is an object; pass a string, a number, or an array of arguments`, {
      index,
    });
  }
  const text = formatValue(item.conversion === null ? value : convert(value, item.conversion), item.formatSpec);
  if (text.includes('\u0000'))
    throw new ShellTemplateError(`shell(): ${label(index, item)} contains a NUL character, which no argument can hold`, { index });
  return text;
}

/**
 * Builds an argv array (`[file, ...args]`) for `child_process.execFile`/`spawn` without a shell, so
 * shell injection is impossible: an interpolation is never split or re-parsed. The static text is
 * split into words on unquoted whitespace; `'…'` quotes literally, `"…"` quotes with `\"` and `\\`
 * escapes, `\` escapes one character outside quotes; quotes may span interpolations. An interpolation joins the word it touches
 * (`--name=${v}` is one argument); an array (or nested Template) standing alone as a word becomes
 * several arguments. Refused: unquoted shell operators (`| & ; < > ( ) \``, which would be literal
 * with no shell), arrays glued to text, null/undefined/objects, NUL, unterminated quotes.
 * @example
 * const argv = shell(t`git log --format=${fmt} -- ${paths}`);
 * execFileSync(argv[0], argv.slice(1));
 */
export function shell(template: Template | TemplateStringsArray, ...values: unknown[]): string[] {
  return argvOf(templateOf(template, values, 'shell'));
}

function argvOf(tpl: Template): string[] {
  const { strings, interpolations } = tpl;
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let pendingArray: { index: number; items: string[] } | undefined;
  const endWord = () => {
    if (pendingArray !== undefined) {
      argv.push(...pendingArray.items);
      pendingArray = undefined;
    } else if (inWord) argv.push(word);
    word = '';
    inWord = false;
  };
  const glueCheck = () => {
    if (pendingArray !== undefined) {
      throw new ShellTemplateError(
        `shell(): ${label(pendingArray.index, interpolations[pendingArray.index]!)} is a list of arguments glued to other text; put it in its own word or join it yourself`,
        { index: pendingArray.index },
      );
    }
  };
  let quote = '';
  for (let k = 0; k < strings.length; k++) {
    const s = strings[k]!;
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (quote === "'") {
        if (c === "'") quote = '';
        else word += c;
        continue;
      }
      if (quote === '"') {
        if (c === '"') quote = '';
        else if (c === '\\' && (s[i + 1] === '"' || s[i + 1] === '\\')) word += s[++i];
        else word += c;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        endWord();
        continue;
      }
      glueCheck();
      if (c === "'" || c === '"') {
        quote = c;
        inWord = true;
      } else if (c === '\\') {
        if (i + 1 >= s.length) throw new ShellTemplateError('shell(): a trailing backslash escapes nothing', { index: -1 });
        word += s[++i];
        inWord = true;
      } else if (OPERATORS.has(c) || (c === '$' && (s[i + 1] === '(' || s[i + 1] === '{'))) {
        throw new ShellTemplateError(
          `shell(): unquoted ${JSON.stringify(c === '$' ? c + s[i + 1] : c)} in the static text: shell() runs no shell, so it would be a literal argument, not an operator — quote it if you mean the character`,
          { index: -1 },
        );
      } else {
        word += c;
        inWord = true;
      }
    }
    if (k === strings.length - 1) break;
    const item = interpolations[k]!;
    const value = item.value;
    if (Array.isArray(value) || value instanceof Template) {
      const items = value instanceof Template ? argvOf(value) : value.map((v) => argText(v, k, item));
      if (quote !== '' || inWord || pendingArray !== undefined || /^[^\s]/.test(strings[k + 1]!)) {
        throw new ShellTemplateError(
          `shell(): ${label(k, item)} is a list of arguments glued to other text or inside quotes; put it in its own word or join it yourself`,
          { index: k },
        );
      }
      pendingArray = { index: k, items };
    } else {
      glueCheck();
      word += argText(value, k, item);
      inWord = true;
    }
  }
  if (quote !== '') throw new ShellTemplateError(`shell(): unterminated ${quote} quote in the static text`, { index: -1 });
  endWord();
  return argv;
}
