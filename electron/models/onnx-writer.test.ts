import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeOnnxModel, type OnnxModel } from './onnx-writer';

// A protobuf reader just big enough to check the encoder's framing independently.
type Field = { field: number; wire: number; value: bigint | Buffer };
function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let v = 0n;
  let shift = 0n;
  for (;;) {
    const b = buf[pos++];
    if (b === undefined) throw new Error('truncated varint');
    v |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return [v, pos];
    shift += 7n;
  }
}
function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [k, p1] = readVarint(buf, pos);
    const field = Number(k >> 3n);
    const wire = Number(k & 7n);
    if (wire === 0) {
      const [v, p2] = readVarint(buf, p1);
      out.push({ field, wire, value: v });
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, p1);
      out.push({ field, wire, value: buf.subarray(p2, p2 + Number(len)) });
      pos = p2 + Number(len);
    } else if (wire === 5) {
      out.push({ field, wire, value: buf.subarray(p1, p1 + 4) });
      pos = p1 + 4;
    } else {
      throw new Error(`unexpected wire type ${wire}`);
    }
  }
  return out;
}
const one = (fs: Field[], n: number): Field => {
  const f = fs.find((x) => x.field === n);
  assert.ok(f, `field ${n} present`);
  return f;
};

function tinyModel(): OnnxModel {
  return {
    producerName: 'test',
    graph: {
      name: 'g',
      nodes: [{ opType: 'Gather', inputs: ['table', 'ids'], outputs: ['out'], attributes: [{ name: 'axis', int: -1 }] }],
      initializers: [{ name: 'table', elemType: 'float32', dims: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) }],
      inputs: [{ name: 'ids', elemType: 'int64', shape: ['batch', 4] }],
      outputs: [{ name: 'out', elemType: 'float32', shape: ['batch', 4, 3] }],
    },
  };
}

test('encodes ir_version, opset, graph, initializer raw data and dynamic dims', () => {
  const model = fields(encodeOnnxModel(tinyModel()));
  assert.equal(one(model, 1).value, 8n);
  assert.equal(fields(one(model, 8).value as Buffer).find((f) => f.field === 2)?.value, 14n);
  const graph = fields(one(model, 7).value as Buffer);
  const tensor = fields(one(graph, 5).value as Buffer);
  assert.deepEqual(tensor.filter((f) => f.field === 1).map((f) => f.value), [2n, 3n]);
  assert.equal(one(tensor, 2).value, 1n);
  const raw = one(tensor, 9).value as Buffer;
  assert.deepEqual([...new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length))], [1, 2, 3, 4, 5, 6]);
  // input ids: ValueInfo → TypeProto → Tensor → Shape → Dimension (dim_param "batch", dim_value 4)
  const input = fields(one(graph, 11).value as Buffer);
  assert.equal((one(input, 1).value as Buffer).toString(), 'ids');
  const tensorType = fields(one(fields(one(input, 2).value as Buffer), 1).value as Buffer);
  assert.equal(one(tensorType, 1).value, 7n);
  const dims = fields(one(tensorType, 2).value as Buffer).map((d) => fields(d.value as Buffer)[0]);
  assert.equal((dims[0]?.value as Buffer).toString(), 'batch');
  assert.equal(dims[1]?.value, 4n);
});

test('negative int attributes round-trip as 64-bit two\'s complement', () => {
  const graph = fields(one(fields(encodeOnnxModel(tinyModel())), 7).value as Buffer);
  const attr = fields(one(fields(one(graph, 1).value as Buffer), 5).value as Buffer);
  assert.equal(BigInt.asIntN(64, one(attr, 3).value as bigint), -1n);
  assert.equal(one(attr, 20).value, 2n); // AttributeType INT
});

test('same model gives the same bytes', () => {
  assert.deepEqual(encodeOnnxModel(tinyModel()), encodeOnnxModel(tinyModel()));
});

test('rejects a tensor whose data does not match its dims or type', () => {
  const bad = tinyModel();
  const init = bad.graph.initializers[0];
  assert.ok(init);
  assert.throws(() => encodeOnnxModel({ ...bad, graph: { ...bad.graph, initializers: [{ ...init, dims: [4, 4] }] } }), /hold 16 values/);
  assert.throws(
    () => encodeOnnxModel({ ...bad, graph: { ...bad.graph, initializers: [{ ...init, data: new Int8Array(6) }] } }),
    /not a Float32Array/,
  );
});
