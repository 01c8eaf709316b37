// Building the report's markup with ts314/templatelib's html processor: every value escaped, fragments nested as trusted.
import { html, trusted, type TrustedHtml } from '../../templatelib/index.js';

/** A fragment of report markup: the output of `markup`, safe to nest in another `markup` call. */
export type Fragment = TrustedHtml;

/**
 * html`…` whose result can be nested: interpolated strings (benchmark names, error messages — all
 * user-controlled) are escaped for their context, Fragments are inserted as they are.
 * @example
 * markup`<td title="${name}">${name}</td>`;
 */
export function markup(strings: TemplateStringsArray, ...values: unknown[]): Fragment {
  return trusted(html(strings, ...values));
}

/** Joins fragments into one (nothing for an empty list). */
export function join(fragments: readonly Fragment[]): Fragment {
  return trusted(fragments.map((f) => f.html).join(''));
}
