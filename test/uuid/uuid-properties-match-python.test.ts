import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX, NIL, UUID, uuid1, uuid3, uuid4, uuid5, uuid6, uuid7, uuid8, NAMESPACE_URL } from '../../src/uuid/index.js';
import { runPythonJson } from '../helpers/python.js';

interface PythonView {
  input: string;
  str: string;
  hex: string;
  int: string;
  urn: string;
  variant: string;
  version: number | null;
  fields: number[];
  bytes_le: string;
  clock_seq: number;
  node: number;
  time: string;
}

test('hex, int, urn, variant, version, fields, bytesLE, clockSeq, node and time agree with live python3', () => {
  const inputs = [
    NIL,
    MAX,
    uuid1(),
    uuid3(NAMESPACE_URL, 'x'),
    uuid4(),
    uuid5(NAMESPACE_URL, 'x'),
    uuid6(),
    uuid7(),
    uuid8(),
    // Non-RFC variants: NCS (0xxx), Microsoft (110x), future (111x).
    new UUID('12345678-1234-5678-1234-567812345678'),
    new UUID('12345678-1234-5678-c234-567812345678'),
    new UUID('12345678-1234-5678-e234-567812345678'),
  ].map(String);
  const views = runPythonJson<PythonView[]>({ script: new URL('./fixtures/cpython-properties.py', import.meta.url) }, inputs);
  for (const view of views) {
    const id = new UUID(view.input);
    assert.equal(id.toString(), view.str);
    assert.equal(id.hex, view.hex);
    assert.equal(id.int, BigInt(view.int));
    assert.equal(id.urn, view.urn);
    assert.equal(id.variant, view.variant, view.input);
    assert.equal(id.version, view.version ?? undefined, view.input);
    assert.deepEqual([...id.fields], view.fields);
    assert.equal(Buffer.from(id.bytesLE).toString('hex'), view.bytes_le);
    assert.equal(id.clockSeq, view.clock_seq);
    assert.equal(id.node, view.node);
    // Python 3.11's `time` reads every version the v1 way; 3.14 special-cases v6 and v7 (tested with RFC vectors).
    if (id.version !== 6 && id.version !== 7) assert.equal(id.time, BigInt(view.time), view.input);
  }
});
