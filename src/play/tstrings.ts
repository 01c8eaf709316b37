// The tstrings demo: the notebooks' t-string cells — uppercase iteration, a fraud-detection API response, html and sql.
import { field, html, Interpolation, json, sql, t, type Template } from '../templatelib/index.js';

/** Notebook 000's model output. */
export const FRAUD_RESULTS = {
  model_id: 'fraud_detector_v2',
  predictions: [
    { id: 'txn_001', fraud_prob: 0.95, risk: 'high' },
    { id: 'txn_002', fraud_prob: 0.12, risk: 'low' },
  ],
  accuracy: 0.94,
  processing_time: 23.5,
};

export type FraudResults = typeof FRAUD_RESULTS;

/** Values a string-pasting handler would break on: a quote, a newline, markup and SQL. */
export const HOSTILE_ID = `txn_003", "admin": true, "x": "<script>alert(1)</script>'; DROP TABLE txns; --\n`;

export interface TstringsResult {
  readonly demo: 'tstrings';
  /** Notebook 001: `t"hello {name}"` rebuilt with the interpolations upper-cased. */
  readonly uppercase: {
    readonly source: string;
    readonly strings: readonly string[];
    readonly values: readonly unknown[];
    readonly result: string;
  };
  /** Notebook 000's ml_api_response, parsed back. */
  readonly apiResponse: unknown;
  /** Notebook 000's error_response("429", …), parsed back. */
  readonly errorResponse: unknown;
  /** The response with a hostile transaction id: still valid JSON, the id intact. */
  readonly hostile: { readonly json: string; readonly idSurvived: boolean };
  /** The same predictions through html(): every value escaped for where it lands. */
  readonly html: string;
  /** …and through sql(): values become parameters, never SQL text. */
  readonly sql: { readonly text: string; readonly values: readonly unknown[] };
}

/** Notebook 001's loop: text parts as they are, interpolations upper-cased. */
export function upperInterpolations(template: Template): string {
  const parts: string[] = [];
  for (const item of template) parts.push(item instanceof Interpolation ? String(item.value).toUpperCase() : item);
  return parts.join('');
}

/**
 * Notebook 000's ml_api_response, as a t-string rendered by ts314's json processor: a value inside
 * a JSON string is escaped as string content, one at a value position is serialized, `.3f` fields
 * are written as numbers, and the result is checked with JSON.parse — no value can break it.
 */
export function mlApiResponse(data: FraudResults, now = new Date()): string {
  const highRisk = data.predictions.filter((p) => p.fraud_prob > 0.5).length;
  const avgRisk = data.predictions.reduce((s, p) => s + p.fraud_prob, 0) / data.predictions.length;
  const recommendation = highRisk > 0 ? `Review ${highRisk} high-risk transactions` : 'All transactions appear safe';
  return json(t`{
  "status": "success",
  "timestamp": "${now.toISOString()}",
  "model": { "id": "${data.model_id}", "accuracy": ${field(data.accuracy, '.3f')} },
  "results": {
    "predictions": ${data.predictions},
    "summary": { "total": ${data.predictions.length}, "high_risk": ${highRisk}, "avg_risk": ${field(avgRisk, '.3f')} }
  },
  "performance": {
    "processing_ms": ${data.processing_time},
    "throughput": ${field(data.predictions.length / (data.processing_time / 1000), '.1f')}
  },
  "recommendation": "${recommendation}"
}`);
}

/** Notebook 000's error_response. */
export function errorResponse(code: string, message: string, now = new Date()): string {
  return json(t`{
  "status": "error",
  "timestamp": "${now.toISOString()}",
  "error": { "code": "${code}", "message": "${message}", "type": "${code.startsWith('4') ? 'client_error' : 'server_error'}" },
  "retry_after": ${code.startsWith('5') ? 30 : 0}
}`);
}

/**
 * The t-string cells of both notebooks, working: the uppercase iteration, the fraud-detection
 * response and error response through json(), a hostile id that cannot break the JSON, and the same
 * predictions through html() and sql().
 * @example
 * const r = tstrings();
 * console.log((r.apiResponse as { results: { summary: { high_risk: number } } }).results.summary.high_risk); // 1
 */
export function tstrings(now = new Date()): TstringsResult {
  const name = 'yj';
  const template = t`hello ${name}`;
  const hostileData = { ...FRAUD_RESULTS, predictions: [...FRAUD_RESULTS.predictions, { id: HOSTILE_ID, fraud_prob: 0.51, risk: 'high' }] };
  const hostileJson = mlApiResponse({ ...hostileData, model_id: HOSTILE_ID }, now);
  const parsed = JSON.parse(hostileJson) as { model: { id: string }; results: { predictions: { id: string }[] } };
  const rows = hostileData.predictions.map(
    (p) => t`<tr><td title="${p.id}">${p.id}</td><td>${field(p.fraud_prob, '.2f')}</td><td>${p.risk}</td></tr>`,
  );
  const values = sql.join(hostileData.predictions.map((p) => t`(${p.id}, ${p.fraud_prob}, ${p.risk})`));
  const query = sql(t`INSERT INTO ${sql.identifier('predictions')} (id, fraud_prob, risk) VALUES ${values}`);
  return {
    demo: 'tstrings',
    uppercase: {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text shown to the reader, not a template
      source: 't`hello ${name}`',
      strings: template.strings,
      values: template.values,
      result: upperInterpolations(template),
    },
    apiResponse: JSON.parse(mlApiResponse(FRAUD_RESULTS, now)),
    errorResponse: JSON.parse(errorResponse('429', 'Rate limit exceeded', now)),
    hostile: { json: hostileJson, idSurvived: parsed.model.id === HOSTILE_ID && parsed.results.predictions[2]?.id === HOSTILE_ID },
    html: html(t`<table class="predictions">${rows}</table>`),
    sql: { text: query.text, values: query.values },
  };
}
