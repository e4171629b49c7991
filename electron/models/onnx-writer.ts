// A minimal protobuf encoder for ONNX ModelProto: just enough to write the
// static-embedding graphs this project builds (Gather, Cast, Mul and friends),
// so building a model needs no Python, no onnx package and no network.
// Field numbers follow onnx.proto; every field is written in a fixed order and
// nothing time- or host-dependent is recorded, so the same model gives the
// same bytes on every build.
import { endianness } from 'node:os';

/** Element types this writer can store (ONNX TensorProto.DataType subset). */
export type OnnxElemType = 'float32' | 'int8' | 'int64';

const ELEM_TYPE_CODE: Record<OnnxElemType, number> = { float32: 1, int8: 3, int64: 7 };

/** A constant tensor stored in the graph (an initializer), kept as raw little-endian bytes. */
export interface OnnxTensor {
  /** Name that nodes use to refer to this tensor. */
  name: string;
  /** Element type; must match the typed array in `data`. */
  elemType: OnnxElemType;
  /** Shape; the product must equal `data.length`. */
  dims: readonly number[];
  /** Values in row-major order. */
  data: Float32Array | Int8Array | BigInt64Array;
}

/** A graph input or output: a name, an element type and a shape. */
export interface OnnxValueInfo {
  /** Tensor name (e.g. `input_ids`). */
  name: string;
  /** Element type. */
  elemType: OnnxElemType;
  /** Shape: a number is a fixed size, a string is a named dynamic dimension (dim_param). */
  shape: ReadonlyArray<number | string>;
}

/** A node attribute. Only the kinds the builders here need. */
export type OnnxAttribute =
  | { /** Attribute name. */ name: string; /** Integer value. */ int: number }
  | { /** Attribute name. */ name: string; /** Float value. */ float: number }
  | { /** Attribute name. */ name: string; /** Integer list value. */ ints: readonly number[] }
  | { /** Attribute name. */ name: string; /** String value. */ string: string };

/** One operator application in the graph. */
export interface OnnxNode {
  /** Operator name in the default ONNX domain, e.g. `Gather`. */
  opType: string;
  /** Input tensor names, in operator order. */
  inputs: readonly string[];
  /** Output tensor names, in operator order. */
  outputs: readonly string[];
  /** Optional node name (helps when reading the graph in a viewer). */
  name?: string;
  /** Operator attributes. */
  attributes?: readonly OnnxAttribute[];
}

/** The computation graph: nodes in topological order plus constants and signature. */
export interface OnnxGraph {
  /** Graph name. */
  name: string;
  /** Nodes, each after the nodes producing its inputs. */
  nodes: readonly OnnxNode[];
  /** Constant tensors (weights). */
  initializers: readonly OnnxTensor[];
  /** Runtime inputs (what a session declares as `inputNames`). */
  inputs: readonly OnnxValueInfo[];
  /** Runtime outputs. */
  outputs: readonly OnnxValueInfo[];
}

/** A whole model file. */
export interface OnnxModel {
  /** ONNX IR version; 8 is understood by every onnxruntime since 1.10. */
  irVersion?: number;
  /** Default-domain opset version. */
  opsetVersion?: number;
  /** Producer name recorded in the file. */
  producerName?: string;
  /** Producer version recorded in the file. */
  producerVersion?: string;
  /** Free-text description. */
  docString?: string;
  /** The graph. */
  graph: OnnxGraph;
  /** Key/value metadata (metadata_props), written in the given order. */
  metadata?: ReadonlyArray<readonly [string, string]>;
}

// --- protobuf primitives ---------------------------------------------------

const WIRE_VARINT = 0;
const WIRE_FIXED32 = 5;
const WIRE_LEN = 2;

function varint(value: number | bigint): Buffer {
  // Negative int64 values are encoded as their 64-bit two's complement (10 bytes).
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}

function key(field: number, wire: number): Buffer {
  return varint((field << 3) | wire);
}

function intField(field: number, value: number | bigint): Buffer {
  return Buffer.concat([key(field, WIRE_VARINT), varint(value)]);
}

function bytesField(field: number, bytes: Uint8Array): Buffer {
  return Buffer.concat([key(field, WIRE_LEN), varint(bytes.length), bytes]);
}

function stringField(field: number, value: string): Buffer {
  return bytesField(field, Buffer.from(value, 'utf8'));
}

function floatField(field: number, value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeFloatLE(value, 0);
  return Buffer.concat([key(field, WIRE_FIXED32), b]);
}

// --- ONNX messages ---------------------------------------------------------

function checkInt(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new Error(`${what} must be an integer, got ${n}`);
}

function encodeTensor(t: OnnxTensor): Buffer {
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (count !== t.data.length) {
    throw new Error(`tensor ${t.name}: dims ${t.dims.join('x')} hold ${count} values, data has ${t.data.length}`);
  }
  const expected = t.elemType === 'float32' ? Float32Array : t.elemType === 'int8' ? Int8Array : BigInt64Array;
  if (!(t.data instanceof expected)) throw new Error(`tensor ${t.name}: data is not a ${expected.name}`);
  const parts: Buffer[] = [];
  for (const d of t.dims) {
    checkInt(d, `tensor ${t.name} dim`);
    parts.push(intField(1, d));
  }
  parts.push(intField(2, ELEM_TYPE_CODE[t.elemType]));
  parts.push(stringField(8, t.name));
  // raw_data is defined as little-endian; typed arrays use host order, so refuse
  // to run where the two differ rather than write a wrong model.
  parts.push(bytesField(9, Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)));
  return Buffer.concat(parts);
}

function encodeValueInfo(v: OnnxValueInfo): Buffer {
  const dims = v.shape.map((d) => {
    if (typeof d === 'string') return bytesField(1, stringField(2, d));
    checkInt(d, `${v.name} shape`);
    return bytesField(1, intField(1, d));
  });
  const shape = Buffer.concat(dims);
  const tensorType = Buffer.concat([intField(1, ELEM_TYPE_CODE[v.elemType]), bytesField(2, shape)]);
  const type = bytesField(1, tensorType);
  return Buffer.concat([stringField(1, v.name), bytesField(2, type)]);
}

// AttributeProto.AttributeType codes.
const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_INTS = 7;

function encodeAttribute(a: OnnxAttribute): Buffer {
  const parts: Buffer[] = [stringField(1, a.name)];
  if ('int' in a) {
    checkInt(a.int, `attribute ${a.name}`);
    parts.push(intField(3, a.int), intField(20, ATTR_INT));
  } else if ('float' in a) {
    parts.push(floatField(2, a.float), intField(20, ATTR_FLOAT));
  } else if ('ints' in a) {
    for (const i of a.ints) {
      checkInt(i, `attribute ${a.name}`);
      parts.push(intField(8, i));
    }
    parts.push(intField(20, ATTR_INTS));
  } else {
    parts.push(stringField(4, a.string), intField(20, ATTR_STRING));
  }
  return Buffer.concat(parts);
}

function encodeNode(n: OnnxNode): Buffer {
  const parts: Buffer[] = [];
  for (const i of n.inputs) parts.push(stringField(1, i));
  for (const o of n.outputs) parts.push(stringField(2, o));
  if (n.name) parts.push(stringField(3, n.name));
  parts.push(stringField(4, n.opType));
  for (const a of n.attributes ?? []) parts.push(bytesField(5, encodeAttribute(a)));
  return Buffer.concat(parts);
}

function encodeGraph(g: OnnxGraph): Buffer {
  const parts: Buffer[] = [];
  for (const n of g.nodes) parts.push(bytesField(1, encodeNode(n)));
  parts.push(stringField(2, g.name));
  for (const t of g.initializers) parts.push(bytesField(5, encodeTensor(t)));
  for (const v of g.inputs) parts.push(bytesField(11, encodeValueInfo(v)));
  for (const v of g.outputs) parts.push(bytesField(12, encodeValueInfo(v)));
  return Buffer.concat(parts);
}

/**
 * Encodes a model as ONNX protobuf bytes. The output depends only on `model`,
 * so it is byte-for-byte reproducible.
 */
export function encodeOnnxModel(model: OnnxModel): Buffer {
  if (endianness() !== 'LE') throw new Error('ONNX raw_data is little-endian; this host is big-endian');
  const parts: Buffer[] = [intField(1, model.irVersion ?? 8)];
  if (model.producerName) parts.push(stringField(2, model.producerName));
  if (model.producerVersion) parts.push(stringField(3, model.producerVersion));
  if (model.docString) parts.push(stringField(6, model.docString));
  parts.push(bytesField(7, encodeGraph(model.graph)));
  // OperatorSetIdProto with an empty domain = the default ai.onnx domain.
  parts.push(bytesField(8, intField(2, model.opsetVersion ?? 14)));
  for (const [k, v] of model.metadata ?? []) {
    parts.push(bytesField(14, Buffer.concat([stringField(1, k), stringField(2, v)])));
  }
  return Buffer.concat(parts);
}

// --- the lookup graphs of static embedding models ---------------------------

/** Symmetric per-row int8 quantisation: row ≈ q * scale, q in [-127, 127]. */
export function quantizeRows(table: Float32Array, dim: number): { q: Int8Array; scale: Float32Array } {
  const rows = table.length / dim;
  const q = new Int8Array(table.length);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let k = 0; k < dim; k++) max = Math.max(max, Math.abs(table[r * dim + k] ?? 0));
    const s = Math.fround(max / 127);
    scale[r] = s;
    if (s === 0) continue;
    for (let k = 0; k < dim; k++) q[r * dim + k] = Math.max(-127, Math.min(127, Math.round((table[r * dim + k] ?? 0) / s)));
  }
  return { q, scale };
}

/**
 * The graph of a static embedding model: `input_ids` int64 [batch, seq] →
 * `last_hidden_state` float32 [batch, seq, dim], a row lookup in `table`
 * ([rows, dim], row-major). With `int8` the table is stored quantised per row.
 */
export function staticLookupGraph(table: Float32Array, dim: number, int8: boolean): OnnxGraph {
  const rows = table.length / dim;
  const inputs = [{ name: 'input_ids', elemType: 'int64' as const, shape: ['batch_size', 'sequence_length'] }];
  const outputs = [{ name: 'last_hidden_state', elemType: 'float32' as const, shape: ['batch_size', 'sequence_length', dim] }];
  if (!int8) {
    return {
      name: 'static_embedding',
      nodes: [{ opType: 'Gather', name: 'lookup', inputs: ['embeddings', 'input_ids'], outputs: ['last_hidden_state'] }],
      initializers: [{ name: 'embeddings', elemType: 'float32', dims: [rows, dim], data: table }],
      inputs,
      outputs,
    };
  }
  const { q, scale } = quantizeRows(table, dim);
  // Gather first, dequantise after: only the looked-up rows are ever widened to float.
  return {
    name: 'static_embedding_int8',
    nodes: [
      { opType: 'Gather', name: 'lookup', inputs: ['embeddings_q', 'input_ids'], outputs: ['rows_q'] },
      { opType: 'Cast', name: 'widen', inputs: ['rows_q'], outputs: ['rows_f'], attributes: [{ name: 'to', int: 1 }] },
      { opType: 'Gather', name: 'lookup_scale', inputs: ['embeddings_scale', 'input_ids'], outputs: ['rows_scale'] },
      { opType: 'Mul', name: 'dequantize', inputs: ['rows_f', 'rows_scale'], outputs: ['last_hidden_state'] },
    ],
    initializers: [
      { name: 'embeddings_q', elemType: 'int8', dims: [rows, dim], data: q },
      { name: 'embeddings_scale', elemType: 'float32', dims: [rows, 1], data: scale },
    ],
    inputs,
    outputs,
  };
}
