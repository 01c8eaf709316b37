// json(): every interpolation serialized where it stands; the output always parses; failures name the interpolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { json, t, field, JsonTemplateError, Template } from '../../src/templatelib/index.js';

interface Prediction {
  id: string;
  fraud_prob: number;
  risk: string;
}

const results = {
  model_id: 'fraud_detector_v2',
  predictions: [
    { id: 'txn_001', fraud_prob: 0.95, risk: 'high' },
    { id: 'txn_002', fraud_prob: 0.12, risk: 'low' },
  ] as Prediction[],
  accuracy: 0.94,
  processing_time: 23.5,
};

// The seed's ML API response (000: "T-strings for ML API Responses"), done with json().
function mlApiResponse(data: typeof results, now: Date): unknown {
  const highRisk = data.predictions.filter((p) => p.fraud_prob > 0.5).length;
  const total = data.predictions.length;
  const avgRisk = data.predictions.reduce((s, p) => s + p.fraud_prob, 0) / total;
  return json.parse(t`{
  "status": "success",
  "timestamp": "${now.toISOString()}",
  "model": {
    "id": "${data.model_id}",
    "accuracy": ${field(data.accuracy, '.3f')}
  },
  "results": {
    "predictions": ${data.predictions},
    "summary": {
      "total": ${total},
      "high_risk": ${highRisk},
      "avg_risk": ${field(avgRisk, '.3f')}
    }
  },
  "performance": {
    "processing_ms": ${data.processing_time},
    "throughput": ${field(total / (data.processing_time / 1000), '.1f')}
  },
  "recommendation": "${highRisk > 0 ? `Review ${highRisk} high-risk transactions` : 'All transactions appear safe'}"
}`);
}

function errorResponse(code: string, message: string, now: Date): unknown {
  return json.parse(t`{
  "status": "error",
  "timestamp": "${now.toISOString()}",
  "error": {
    "code": "${code}",
    "message": "${message}",
    "type": "${code.startsWith('4') ? 'client_error' : 'server_error'}"
  },
  "retry_after": ${code.startsWith('5') ? 30 : 0}
}`);
}

test("the seed's fraud-detection API response is valid JSON with the expected fields", () => {
  const now = new Date('2025-10-07T12:00:00Z');
  assert.deepEqual(mlApiResponse(results, now), {
    status: 'success',
    timestamp: '2025-10-07T12:00:00.000Z',
    model: { id: 'fraud_detector_v2', accuracy: 0.94 },
    results: { predictions: results.predictions, summary: { total: 2, high_risk: 1, avg_risk: 0.535 } },
    performance: { processing_ms: 23.5, throughput: 85.1 },
    recommendation: 'Review 1 high-risk transactions',
  });
  assert.deepEqual(errorResponse('429', 'Rate limit exceeded', now), {
    status: 'error',
    timestamp: '2025-10-07T12:00:00.000Z',
    error: { code: '429', message: 'Rate limit exceeded', type: 'client_error' },
    retry_after: 0,
  });
});

test('text inside JSON strings is escaped, so quotes and newlines cannot break the document', () => {
  const nasty = 'He said "hi"\n\\ and </script> \u2028';
  const out = errorResponse('503', nasty, new Date(0)) as { error: { message: string }; retry_after: number };
  assert.equal(out.error.message, nasty);
  assert.equal(out.retry_after, 30);
});

test('values serialize as JSON: typed arrays, bigint, Date, Map, Set, nested Templates, toJSON', () => {
  const out = json(
    t`{"f": ${new Float64Array([1.5, 2])}, "big": ${2n ** 64n}, "d": ${new Date(0)}, "m": ${new Map<string, unknown>([
      ['a', 1],
      ['b', [true, null]],
    ])}, "s": ${new Set(['x'])}, "n": ${t`{"inner": ${1}}`}, "j": ${{ toJSON: () => 'custom' }}, "o": ${{ skip: undefined, keep: 1 }}}`,
  );
  assert.equal(
    out,
    '{"f": [1.5,2], "big": 18446744073709551616, "d": "1970-01-01T00:00:00.000Z", "m": {"a":1,"b":[true,null]}, "s": ["x"], "n": {"inner": 1}, "j": "custom", "o": {"keep":1}}',
  );
  assert.doesNotThrow(() => JSON.parse(out));
});

test('an interpolation at a key position becomes a JSON string', () => {
  assert.equal(json(t`{${'a"b'}: 1, ${42}: 2}`), '{"a\\"b": 1, "42": 2}');
});

test('NaN and Infinity: refused by default, null or strings when asked', () => {
  assert.throws(
    () => json(t`{"x": ${NaN}}`),
    (e: unknown) => e instanceof JsonTemplateError && e.index === 0 && /NaN is not valid JSON/.test(e.message),
  );
  assert.equal(json(new Template('[', ...[]).concat(t`${[NaN, Infinity, -Infinity]}]`), { nonFinite: 'null' }), '[[null,null,null]]');
  assert.equal(json(t`${[NaN, -Infinity]}`, { nonFinite: 'string' }), '["NaN","-Infinity"]');
  assert.throws(() => json(t`${1}`, { nonFinite: 'zero' as 'null' }), /nonFinite must be 'error', 'null' or 'string'/);
});

test('errors name the offending interpolation and what is wrong', () => {
  const tpl = new Template('{"a": ', ...[]).concat(t`${{ fn: () => 1 }}}`);
  assert.throws(
    () => json(tpl),
    (e: unknown) =>
      e instanceof JsonTemplateError && e.index === 0 && /interpolation #0: value\.fn: a function has no JSON form/.test(e.message),
  );
  assert.throws(() => json(t`[${undefined}]`), /interpolation #0: value: undefined has no JSON form/);
  const loop: Record<string, unknown> = {};
  loop.self = loop;
  assert.throws(() => json(t`${loop}`), /value\.self: a cycle has no JSON form/);
  assert.throws(() => json(t`${new Map([[{}, 1]])}`), /a Map key of type object cannot be a JSON object key/);
  assert.throws(
    () => json(t`{"a": ${1} ${2}}`),
    (e: unknown) => e instanceof JsonTemplateError && e.index === 1 && /not valid JSON/.test(e.message),
  );
  assert.throws(
    () => json(t`{"a": }`),
    (e: unknown) => e instanceof JsonTemplateError && e.index === -1 && /in the static text/.test(e.message),
  );
});

test('a format spec at a value position writes a number when the text is one, else a string', () => {
  assert.equal(json(t`[${field(0.5, '.1%')}, ${field(3.14159, '.2f')}, ${field(12345, ',')}]`), '["50.0%", 3.14, "12,345"]');
});
