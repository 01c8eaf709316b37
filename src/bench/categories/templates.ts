// The templates category: ts314/templatelib's html, sql and format processors against plain string concatenation.
import { field, format, html, sql, t } from '../../templatelib/index.js';
import type { BenchDefinition } from '../definition.js';
import { define } from './define.js';

/** Rows in the rendered table: a realistic page fragment, a fraction of a millisecond to render. */
const TABLE_ROWS = 50;
/** Queries / formatted lines per call, so a call lasts long enough to time; stats are per query/line. */
const PER_CALL = 100;

interface Customer {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly amount: number;
  readonly note: string;
}

const customers: readonly Customer[] = Array.from({ length: TABLE_ROWS }, (_, i) => ({
  id: i,
  name: i % 7 === 0 ? `O'Brien & <Sons> #${i}` : `Customer ${i}`,
  email: `user${i}@example.com`,
  amount: i * 3.25,
  note: i % 11 === 0 ? '"quoted" <b>not bold</b>' : 'ok',
}));

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** The escape function a careful developer writes by hand: the fair baseline for html(). */
const escapeText = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

function tableByHand(): string {
  let out = '<table><tbody>';
  for (const c of customers) {
    out +=
      '<tr><td>' +
      escapeText(c.id) +
      '</td><td title="' +
      escapeText(c.name) +
      '">' +
      escapeText(c.name) +
      '</td><td>' +
      escapeText(c.email) +
      '</td><td>' +
      escapeText(c.amount) +
      '</td><td>' +
      escapeText(c.note) +
      '</td></tr>';
  }
  return `${out}</tbody></table>`;
}

function tableByHtml(): string {
  return html`<table><tbody>${customers.map(
    (c) => t`<tr><td>${c.id}</td><td title="${c.name}">${c.name}</td><td>${c.email}</td><td>${c.amount}</td><td>${c.note}</td></tr>`,
  )}</tbody></table>`;
}

function queryBySql(c: Customer): { text: string; values: unknown[] } {
  return sql`SELECT id, total FROM orders WHERE customer_id = ${c.id} AND email = ${c.email} AND total > ${c.amount}`;
}

/** The same parameterized query assembled by concatenation, numbering each placeholder as its value is collected. */
function queryByHand(c: Customer): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown): string => `$${values.push(value)}`;
  const text =
    'SELECT id, total FROM orders WHERE customer_id = ' +
    param(c.id) +
    ' AND email = ' +
    param(c.email) +
    ' AND total > ' +
    param(c.amount);
  return { text, values };
}

function lineByFormat(c: Customer): string {
  return format(t`${field(c.name, '<24')} ${field(c.amount, '>10.2f')} ${field(c.id, '05d')}`);
}

function lineByHand(c: Customer): string {
  return `${c.name.padEnd(24)} ${c.amount.toFixed(2).padStart(10)} ${String(c.id).padStart(5, '0')}`;
}

function perCustomer<R>(render: (c: Customer) => R, size: (r: R) => number): () => number {
  return () => {
    let sum = 0;
    for (let i = 0; i < PER_CALL; i++) sum += size(render(customers[i % TABLE_ROWS]!));
    return sum;
  };
}

/** Refuses to time two renderers that do not produce the same output: a faster wrong answer proves nothing. */
function sameOutput<R>(what: string, a: (c: Customer) => R, b: (c: Customer) => R): void {
  for (const c of customers) {
    if (JSON.stringify(a(c)) !== JSON.stringify(b(c)))
      throw new Error(`${what}: the template and the hand-written version disagree for customer ${c.id}`);
  }
}

/** The templates category's benchmarks for a run. */
export function load(): BenchDefinition[] {
  if (tableByHtml() !== tableByHand()) throw new Error('html(): the template and the hand-written table differ');
  sameOutput('sql()', queryBySql, queryByHand);
  sameOutput('format()', lineByFormat, lineByHand);
  const tableGroup = `html: ${TABLE_ROWS}-row table`;
  const sqlGroup = 'sql: parameterized query';
  const formatGroup = 'format: aligned number fields';
  const queryLength = (q: { text: string; values: unknown[] }) => q.text.length + q.values.length;
  return [
    define({
      name: 'concatenation + escapeText()',
      group: tableGroup,
      params: { processor: 'concatenation' },
      baseline: true,
      fn: () => tableByHand().length,
    }),
    define({ name: 'html`…`', group: tableGroup, params: { processor: 'html' }, fn: () => tableByHtml().length }),
    define({
      name: 'concatenation, numbered placeholders',
      group: sqlGroup,
      params: { processor: 'concatenation' },
      baseline: true,
      opsPerCall: PER_CALL,
      fn: perCustomer(queryByHand, queryLength),
    }),
    define({
      name: 'sql`…`',
      group: sqlGroup,
      params: { processor: 'sql' },
      opsPerCall: PER_CALL,
      fn: perCustomer(queryBySql, queryLength),
    }),
    define({
      name: 'padEnd/toFixed concatenation',
      group: formatGroup,
      params: { processor: 'concatenation' },
      baseline: true,
      opsPerCall: PER_CALL,
      fn: perCustomer(lineByHand, (s) => s.length),
    }),
    define({
      name: 'format(t`…`)',
      group: formatGroup,
      params: { processor: 'format' },
      opsPerCall: PER_CALL,
      fn: perCustomer(lineByFormat, (s) => s.length),
    }),
  ];
}
