// RNN Lab's native kernel tier, its N-API glue: a packed, register- and cache-blocked matrix product for float32 and float64, and
// element-wise cell kernels (tanh / sigmoid, an LSTM step forward and backward: cell-kernel.inc),
// compiled for AVX-512, AVX2+FMA and SSE2 in one binary and picked at load time by what the CPU supports.
// Hand-written rather than a BLAS dependency: the package must build offline from its own sources with nothing
// but g++ and Node's headers, and the engine's calls are strided views (transposes, offsets) that a thin kernel
// takes directly. Single-threaded by design: parallelism is trials or data-parallel workers, one per core.
//
// Plain N-API (node_api.h): one binary serves every Node and Electron version. Per-thread state (each worker
// thread is its own napi_env) lives in the instance data: the argument block, the chosen ISA and pack buffers.
// A weight matrix that many products of a pass multiply by (the recurrent kernel) can be packed once: packB, then
// gemmPacked (a handle owning its panels, freed when collected).
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernels.h"

#ifndef RNNLAB_CFLAGS
#define RNNLAB_CFLAGS unknown
#endif
#define RNNLAB_STR2(x) #x
#define RNNLAB_STR(x) RNNLAB_STR2(x)

namespace {

// Argument block layout (an Int32Array the JS side fills before each call: cheaper than 12 N-API number reads).
enum { M, N, K, A_OFF, A_ROW, A_COL, B_OFF, B_ROW, B_COL, C_OFF, C_ROW, ACCUMULATE, ARG_COUNT };
// At most this many arrays bound for the lane kernels (bindLanes).
enum { BOUND_MAX = 32 };

struct Env {
  int32_t* args = nullptr;
  napi_ref argsRef = nullptr;
  int isa = ISA_COUNT - 1;
  void* bufA = nullptr;  // MC_MAX·KC doubles
  void* bufB = nullptr;  // KC·(NC + max NR) doubles
  // Arrays bound by bindLanes: the lane kernels name them by index in the argument block (a call with typed
  // array arguments costs ≈0.1 µs of N-API per array; a lockstep step makes a dozen small calls).
  int boundCount = 0;
  bool boundF64 = false;
  void* boundData[BOUND_MAX] = {};
  size_t boundLength[BOUND_MAX] = {};
  napi_ref boundRefs[BOUND_MAX] = {};
};

void unbind(napi_env env, Env* e) {
  for (int i = 0; i < e->boundCount; i++) napi_delete_reference(env, e->boundRefs[i]);
  e->boundCount = 0;
}

void finalizeEnv(napi_env env, void* data, void*) {
  Env* e = static_cast<Env*>(data);
  if (e->argsRef != nullptr) napi_delete_reference(env, e->argsRef);
  unbind(env, e);
  free(e->bufA);
  free(e->bufB);
  delete e;
}

Env* envOf(napi_env env) {
  void* data = nullptr;
  napi_get_instance_data(env, &data);
  return static_cast<Env*>(data);
}

napi_value throwError(napi_env env, const char* code, const char* message, bool range = false) {
  if (range) napi_throw_range_error(env, code, message);
  else napi_throw_type_error(env, code, message);
  return nullptr;
}

napi_value str(napi_env env, const char* s) {
  napi_value v;
  napi_create_string_utf8(env, s, NAPI_AUTO_LENGTH, &v);
  return v;
}

// info() → { isa, supported: [...], flags }
napi_value Info(napi_env env, napi_callback_info) {
  Env* e = envOf(env);
  napi_value out, list;
  napi_create_object(env, &out);
  napi_create_array(env, &list);
  uint32_t n = 0;
  for (int i = 0; i < ISA_COUNT; i++) if (isaSupported(i)) napi_set_element(env, list, n++, str(env, ISAS[i].name));
  napi_set_named_property(env, out, "isa", str(env, ISAS[e->isa].name));
  napi_set_named_property(env, out, "supported", list);
  napi_set_named_property(env, out, "flags", str(env, "g++ " __VERSION__ "; " RNNLAB_STR(RNNLAB_CFLAGS) "; per-function targets avx512f+avx512dq+avx512vl+fma | avx2+fma | sse2"));
  return out;
}

// useIsa(name): picks a supported instruction set for this thread (tests run every path the CPU has).
napi_value UseIsa(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  char name[32] = {0};
  size_t len = 0;
  if (argc < 1 || napi_get_value_string_utf8(env, argv[0], name, sizeof name, &len) != napi_ok) return throwError(env, "ERR_ARG", "useIsa(name): name must be a string");
  for (int i = 0; i < ISA_COUNT; i++) {
    if (strcmp(name, ISAS[i].name) == 0) {
      if (!isaSupported(i)) return throwError(env, "ERR_ISA", "useIsa: this CPU does not support that instruction set");
      envOf(env)->isa = i;
      return nullptr;
    }
  }
  return throwError(env, "ERR_ISA", "useIsa: unknown instruction set (avx512, avx2, sse2)");
}

// setArgs(Int32Array of ≥ 12): the block gemm() reads its sizes, offsets, strides and flag from.
napi_value SetArgs(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  napi_typedarray_type type;
  size_t length;
  void* data;
  bool isTyped = false;
  if (argc >= 1) napi_is_typedarray(env, argv[0], &isTyped);
  if (!isTyped) return throwError(env, "ERR_ARG", "setArgs: expected an Int32Array");
  napi_get_typedarray_info(env, argv[0], &type, &length, &data, nullptr, nullptr);
  if (type != napi_int32_array || length < ARG_COUNT) return throwError(env, "ERR_ARG", "setArgs: expected an Int32Array of at least 12 elements");
  Env* e = envOf(env);
  if (e->argsRef != nullptr) napi_delete_reference(env, e->argsRef);
  napi_create_reference(env, argv[0], 1, &e->argsRef);  // keeps the block (and its memory) alive
  e->args = static_cast<int32_t*>(data);
  return nullptr;
}

bool fits(int64_t off, int64_t rows, int64_t rowStride, int64_t cols, int64_t colStride, size_t length) {
  if (off < 0 || rowStride < 0 || colStride < 0) return false;
  return off + (rows - 1) * rowStride + (cols - 1) * colStride < (int64_t)length;
}

// Allocates this thread's pack buffers on first use: sized for the largest case (float64, the widest NR of any
// ISA: 16 doubles), 64-byte aligned. False when out of memory.
bool ensureBuffers(Env* e) {
  if (e->bufA == nullptr) e->bufA = aligned_alloc(64, (size_t)MC_MAX * KC * sizeof(double));
  if (e->bufB == nullptr) e->bufB = aligned_alloc(64, (size_t)KC * (NC + 32) * sizeof(double));
  return e->bufA != nullptr && e->bufB != nullptr;
}

// gemm(C, A, B): C = (accumulate ? C : 0) + op(A)·op(B) per the argument block; all three Float64Array or all
// Float32Array. Bounds are checked here (a bad view throws a RangeError instead of corrupting memory).
napi_value Gemm(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  Env* e = envOf(env);
  if (e->args == nullptr) return throwError(env, "ERR_ARG", "gemm: call setArgs first");
  if (argc < 3) return throwError(env, "ERR_ARG", "gemm(C, A, B): three typed arrays");
  napi_typedarray_type types[3];
  size_t lengths[3];
  void* data[3];
  for (int i = 0; i < 3; i++) {
    if (napi_get_typedarray_info(env, argv[i], &types[i], &lengths[i], &data[i], nullptr, nullptr) != napi_ok) {
      napi_value ignored;
      napi_get_and_clear_last_exception(env, &ignored);
      return throwError(env, "ERR_ARG", "gemm(C, A, B): C, A and B must be typed arrays");
    }
  }
  const bool f64 = types[0] == napi_float64_array;
  if (!(f64 || types[0] == napi_float32_array) || types[1] != types[0] || types[2] != types[0]) {
    return throwError(env, "ERR_ARG", "gemm(C, A, B): C, A and B must all be Float64Array or all Float32Array");
  }
  const int32_t* g = e->args;
  const int m = g[M], n = g[N], k = g[K];
  if (m < 0 || n < 0 || k < 0) return throwError(env, "ERR_RANGE", "gemm: negative size", true);
  if (m == 0 || n == 0) return nullptr;
  const bool acc = g[ACCUMULATE] != 0;
  if (!fits(g[C_OFF], m, g[C_ROW], n, 1, lengths[0]) ||
      (k > 0 && (!fits(g[A_OFF], m, g[A_ROW], k, g[A_COL], lengths[1]) || !fits(g[B_OFF], k, g[B_ROW], n, g[B_COL], lengths[2])))) {
    return throwError(env, "ERR_RANGE", "gemm: a view reaches outside its array", true);
  }
  if (!ensureBuffers(e)) return throwError(env, "ERR_MEMORY", "gemm: out of memory for pack buffers");
  const Isa& isa = ISAS[e->isa];
  if (f64) {
    isa.f64.gemm(m, n, k, static_cast<const double*>(data[1]) + g[A_OFF], g[A_ROW], g[A_COL], static_cast<const double*>(data[2]) + g[B_OFF],
            g[B_ROW], g[B_COL], static_cast<double*>(data[0]) + g[C_OFF], g[C_ROW], acc, static_cast<double*>(e->bufA), static_cast<double*>(e->bufB), nullptr);
  } else {
    isa.f32.gemm(m, n, k, static_cast<const float*>(data[1]) + g[A_OFF], g[A_ROW], g[A_COL], static_cast<const float*>(data[2]) + g[B_OFF],
            g[B_ROW], g[B_COL], static_cast<float*>(data[0]) + g[C_OFF], g[C_ROW], acc, static_cast<float*>(e->bufA), static_cast<float*>(e->bufB), nullptr);
  }
  return nullptr;
}

// A weight matrix packed once for gemmPacked (the recurrent kernel, the same in every step of a pass): the
// panels in the layout of the ISA that packed it, for op(B) of k × n in one element type.
struct Packed {
  int isa;
  bool f64;
  int k, n;
  size_t bytes;  // capacity of data
  void* data;
};
// Marks the externals packB makes, so gemmPacked refuses anything else passed as a handle.
const napi_type_tag PACKED_TAG = {0x726e6e6c61627062ULL, 0x61636b6564423031ULL};

void finalizePacked(napi_env env, void* data, void*) {
  Packed* p = static_cast<Packed*>(data);
  int64_t ignored;
  napi_adjust_external_memory(env, -(int64_t)p->bytes, &ignored);
  free(p->data);
  delete p;
}

// The Packed behind `value` when it is one of packB's handles, else null.
Packed* packedOf(napi_env env, napi_value value) {
  napi_valuetype type;
  bool tagged = false;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_external) return nullptr;
  if (napi_check_object_type_tag(env, value, &PACKED_TAG, &tagged) != napi_ok || !tagged) return nullptr;
  void* data = nullptr;
  napi_get_value_external(env, value, &data);
  return static_cast<Packed*>(data);
}

// packB(B, previous | null) → handle: packs op(B) (K × N at B_OFF, B_ROW, B_COL of the argument block) for
// gemmPacked, into `previous` when it is a handle large enough (the layer repacks into one buffer each pass).
napi_value PackB(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  Env* e = envOf(env);
  if (e->args == nullptr) return throwError(env, "ERR_ARG", "packB: call setArgs first");
  napi_typedarray_type type;
  size_t length;
  void* data;
  bool typed = false;
  if (argc >= 1) napi_is_typedarray(env, argv[0], &typed);
  if (!typed) return throwError(env, "ERR_ARG", "packB(B, previous): B must be a Float64Array or Float32Array");
  napi_get_typedarray_info(env, argv[0], &type, &length, &data, nullptr, nullptr);
  if (type != napi_float64_array && type != napi_float32_array) return throwError(env, "ERR_ARG", "packB(B, previous): B must be a Float64Array or Float32Array");
  const bool f64 = type == napi_float64_array;
  const int32_t* g = e->args;
  const int n = g[N], k = g[K];
  if (n <= 0 || k <= 0) return throwError(env, "ERR_RANGE", "packB: k and n must be positive", true);
  if (!fits(g[B_OFF], k, g[B_ROW], n, g[B_COL], length)) return throwError(env, "ERR_RANGE", "packB: B's view reaches outside its array", true);
  const Isa& isa = ISAS[e->isa];
  const size_t bytes = (size_t)(f64 ? isa.f64.packedSize(k, n) * sizeof(double) : isa.f32.packedSize(k, n) * sizeof(float));
  Packed* p = argc >= 2 ? packedOf(env, argv[1]) : nullptr;
  napi_value handle = p != nullptr ? argv[1] : nullptr;
  if (p == nullptr || p->bytes < bytes) {
    void* buffer = aligned_alloc(64, (bytes + 63) / 64 * 64);
    if (buffer == nullptr) return throwError(env, "ERR_MEMORY", "packB: out of memory");
    p = new Packed{e->isa, f64, k, n, bytes, buffer};
    if (napi_create_external(env, p, finalizePacked, nullptr, &handle) != napi_ok) {
      free(buffer);
      delete p;
      return throwError(env, "ERR_MEMORY", "packB: could not create the handle");
    }
    napi_type_tag_object(env, handle, &PACKED_TAG);
    int64_t ignored;
    napi_adjust_external_memory(env, (int64_t)bytes, &ignored);
  }
  p->isa = e->isa;
  p->f64 = f64;
  p->k = k;
  p->n = n;
  if (f64) isa.f64.packAllB(static_cast<const double*>(data) + g[B_OFF], g[B_ROW], g[B_COL], k, n, static_cast<double*>(p->data));
  else isa.f32.packAllB(static_cast<const float*>(data) + g[B_OFF], g[B_ROW], g[B_COL], k, n, static_cast<float*>(p->data));
  return handle;
}

// gemmPacked(C, A, handle): gemm with op(B) from packB (the argument block's B fields are not read; K and N must
// be the packed ones). The same bits as gemm on the unpacked B for m > 3.
napi_value GemmPacked(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  Env* e = envOf(env);
  if (e->args == nullptr) return throwError(env, "ERR_ARG", "gemmPacked: call setArgs first");
  if (argc < 3) return throwError(env, "ERR_ARG", "gemmPacked(C, A, packed): two typed arrays and a packB handle");
  Packed* p = packedOf(env, argv[2]);
  if (p == nullptr) return throwError(env, "ERR_ARG", "gemmPacked(C, A, packed): packed must be a handle from packB");
  napi_typedarray_type types[2];
  size_t lengths[2];
  void* data[2];
  for (int i = 0; i < 2; i++) {
    bool typed = false;
    napi_is_typedarray(env, argv[i], &typed);
    if (!typed) return throwError(env, "ERR_ARG", "gemmPacked(C, A, packed): C and A must be typed arrays");
    napi_get_typedarray_info(env, argv[i], &types[i], &lengths[i], &data[i], nullptr, nullptr);
  }
  const bool f64 = types[0] == napi_float64_array;
  if (!(f64 || types[0] == napi_float32_array) || types[1] != types[0] || f64 != p->f64) {
    return throwError(env, "ERR_ARG", "gemmPacked: C, A and the packed B must all be float64 or all float32");
  }
  if (p->isa != e->isa) return throwError(env, "ERR_ARG", "gemmPacked: B was packed for another instruction set (useIsa since); pack it again");
  const int32_t* g = e->args;
  const int m = g[M], n = g[N], k = g[K];
  if (n != p->n || k != p->k) return throwError(env, "ERR_RANGE", "gemmPacked: k and n must be those B was packed with", true);
  if (m < 0) return throwError(env, "ERR_RANGE", "gemmPacked: negative size", true);
  if (m == 0) return nullptr;
  if (!fits(g[C_OFF], m, g[C_ROW], n, 1, lengths[0]) || !fits(g[A_OFF], m, g[A_ROW], k, g[A_COL], lengths[1])) {
    return throwError(env, "ERR_RANGE", "gemmPacked: a view reaches outside its array", true);
  }
  if (!ensureBuffers(e)) return throwError(env, "ERR_MEMORY", "gemmPacked: out of memory for pack buffers");
  const Isa& isa = ISAS[e->isa];
  const bool acc = g[ACCUMULATE] != 0;
  if (f64) {
    isa.f64.gemm(m, n, k, static_cast<const double*>(data[1]) + g[A_OFF], g[A_ROW], g[A_COL], nullptr, 0, 0, static_cast<double*>(data[0]) + g[C_OFF], g[C_ROW], acc,
                 static_cast<double*>(e->bufA), static_cast<double*>(e->bufB), static_cast<const double*>(p->data));
  } else {
    isa.f32.gemm(m, n, k, static_cast<const float*>(data[1]) + g[A_OFF], g[A_ROW], g[A_COL], nullptr, 0, 0, static_cast<float*>(data[0]) + g[C_OFF], g[C_ROW], acc,
                 static_cast<float*>(e->bufA), static_cast<float*>(e->bufB), static_cast<const float*>(p->data));
  }
  return nullptr;
}

// Reads `count` typed arrays of one type (all Float64Array or all Float32Array; `optional` marks an argument that
// may be null instead, giving a null pointer and length 0). Throws and returns false otherwise.
struct Arrays {
  bool f64;
  void* data[8];
  size_t length[8];
};
bool readArrays(napi_env env, napi_callback_info info, size_t count, unsigned optional, Arrays& out) {
  size_t argc = 8;
  napi_value argv[8];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < count) {
    throwError(env, "ERR_ARG", "native kernel: too few arguments");
    return false;
  }
  int type = -1;
  for (size_t i = 0; i < count; i++) {
    napi_valuetype vt;
    napi_typeof(env, argv[i], &vt);
    if ((optional & (1u << i)) && vt == napi_null) {
      out.data[i] = nullptr;
      out.length[i] = 0;
      continue;
    }
    napi_typedarray_type t;
    bool typed = false;
    napi_is_typedarray(env, argv[i], &typed);
    if (!typed) {
      throwError(env, "ERR_ARG", "native kernel: arguments must be typed arrays");
      return false;
    }
    napi_get_typedarray_info(env, argv[i], &t, &out.length[i], &out.data[i], nullptr, nullptr);
    if ((t != napi_float64_array && t != napi_float32_array) || (type != -1 && (int)t != type)) {
      throwError(env, "ERR_ARG", "native kernel: arrays must all be Float64Array or all Float32Array");
      return false;
    }
    type = t;
  }
  out.f64 = type == napi_float64_array;
  return true;
}

bool inside(int64_t off, int64_t count, size_t length) { return off >= 0 && count >= 0 && off + count <= (int64_t)length; }

napi_value rangeError(napi_env env) { return throwError(env, "ERR_RANGE", "native kernel: a view reaches outside its array", true); }

// activate(src, dst): dst[dstOff..+n) = act(src[srcOff..+n)); args: code (0 tanh, 1 sigmoid), srcOff, dstOff, n.
napi_value Activate(napi_env env, napi_callback_info info) {
  Env* e = envOf(env);
  Arrays a;
  if (e->args == nullptr) return throwError(env, "ERR_ARG", "call setArgs first");
  if (!readArrays(env, info, 2, 0, a)) return nullptr;
  const int32_t* g = e->args;
  const int code = g[0];
  if (code != 0 && code != 1) return throwError(env, "ERR_ARG", "activate: code must be 0 (tanh) or 1 (sigmoid)");
  if (!inside(g[1], g[3], a.length[0]) || !inside(g[2], g[3], a.length[1])) return rangeError(env);
  const Isa& isa = ISAS[e->isa];
  if (a.f64) isa.f64.activate(code, (const double*)a.data[0] + g[1], (double*)a.data[1] + g[2], g[3]);
  else isa.f32.activate(code, (const float*)a.data[0] + g[1], (float*)a.data[1] + g[2], g[3]);
  return nullptr;
}

// lstmForward(z, cPrev, c, actCell, h); args: zOff, cPrevOff, stateOff (c, actCell, h), batch, u.
napi_value LstmForward(napi_env env, napi_callback_info info) {
  Env* e = envOf(env);
  Arrays a;
  if (e->args == nullptr) return throwError(env, "ERR_ARG", "call setArgs first");
  if (!readArrays(env, info, 5, 0, a)) return nullptr;
  const int32_t* g = e->args;
  const int64_t rows = (int64_t)g[3] * g[4];
  if (g[3] < 0 || g[4] < 0 || !inside(g[0], 4 * rows, a.length[0]) || !inside(g[1], rows, a.length[1]) || !inside(g[2], rows, a.length[2]) ||
      !inside(g[2], rows, a.length[3]) || !inside(g[2], rows, a.length[4])) return rangeError(env);
  const Isa& isa = ISAS[e->isa];
  if (a.f64) {
    isa.f64.lstmForward((double*)a.data[0] + g[0], (const double*)a.data[1] + g[1], (double*)a.data[2] + g[2], (double*)a.data[3] + g[2], (double*)a.data[4] + g[2], g[3], g[4]);
  } else {
    isa.f32.lstmForward((float*)a.data[0] + g[0], (const float*)a.data[1] + g[1], (float*)a.data[2] + g[2], (float*)a.data[3] + g[2], (float*)a.data[4] + g[2], g[3], g[4]);
  }
  return nullptr;
}

// lstmBackward(dOut | null, dh, dc, z, actCell, cPrev, dz); args: dOutOff, zOff (z and dz), stateOff (actCell),
// cPrevOff, batch, u. dh and dc are [batch, u] from 0.
napi_value LstmBackward(napi_env env, napi_callback_info info) {
  Env* e = envOf(env);
  Arrays a;
  if (e->args == nullptr) return throwError(env, "ERR_ARG", "call setArgs first");
  if (!readArrays(env, info, 7, 1u, a)) return nullptr;
  const int32_t* g = e->args;
  const int64_t rows = (int64_t)g[4] * g[5];
  if (g[4] < 0 || g[5] < 0 || (a.data[0] != nullptr && !inside(g[0], rows, a.length[0])) || !inside(0, rows, a.length[1]) || !inside(0, rows, a.length[2]) ||
      !inside(g[1], 4 * rows, a.length[3]) || !inside(g[2], rows, a.length[4]) || !inside(g[3], rows, a.length[5]) || !inside(g[1], 4 * rows, a.length[6])) {
    return rangeError(env);
  }
  const Isa& isa = ISAS[e->isa];
  if (a.f64) {
    const double* dOut = a.data[0] != nullptr ? (const double*)a.data[0] + g[0] : nullptr;
    isa.f64.lstmBackward(dOut, (const double*)a.data[1], (double*)a.data[2], (const double*)a.data[3] + g[1], (const double*)a.data[4] + g[2], (const double*)a.data[5] + g[3], (double*)a.data[6] + g[1], g[4], g[5]);
  } else {
    const float* dOut = a.data[0] != nullptr ? (const float*)a.data[0] + g[0] : nullptr;
    isa.f32.lstmBackward(dOut, (const float*)a.data[1], (float*)a.data[2], (const float*)a.data[3] + g[1], (const float*)a.data[4] + g[2], (const float*)a.data[5] + g[3], (float*)a.data[6] + g[1], g[4], g[5]);
  }
  return nullptr;
}

// fillRows(c, bias | null); args: cOff, rows, cols, stride, biasOff.
napi_value FillRows(napi_env env, napi_callback_info info) {
  Env* e = envOf(env);
  Arrays a;
  if (e->args == nullptr) return throwError(env, "ERR_ARG", "call setArgs first");
  if (!readArrays(env, info, 2, 2u, a)) return nullptr;
  const int32_t* g = e->args;
  const int rows = g[1], cols = g[2];
  if (rows <= 0 || cols <= 0) return nullptr;
  if (!fits(g[0], rows, g[3], cols, 1, a.length[0]) || (a.data[1] != nullptr && !inside(g[4], cols, a.length[1]))) return rangeError(env);
  const Isa& isa = ISAS[e->isa];
  if (a.f64) isa.f64.fillRows((double*)a.data[0] + g[0], a.data[1] != nullptr ? (const double*)a.data[1] + g[4] : nullptr, rows, cols, g[3]);
  else isa.f32.fillRows((float*)a.data[0] + g[0], a.data[1] != nullptr ? (const float*)a.data[1] + g[4] : nullptr, rows, cols, g[3]);
  return nullptr;
}

// columnSums(out, src); args: outOff, srcOff, rows, cols, stride.
napi_value ColumnSums(napi_env env, napi_callback_info info) {
  Env* e = envOf(env);
  Arrays a;
  if (e->args == nullptr) return throwError(env, "ERR_ARG", "call setArgs first");
  if (!readArrays(env, info, 2, 0, a)) return nullptr;
  const int32_t* g = e->args;
  const int rows = g[2], cols = g[3];
  if (cols <= 0) return nullptr;
  if (!inside(g[0], cols, a.length[0]) || (rows > 0 && !fits(g[1], rows, g[4], cols, 1, a.length[1]))) return rangeError(env);
  const Isa& isa = ISAS[e->isa];
  if (a.f64) isa.f64.columnSums((double*)a.data[0] + g[0], (const double*)a.data[1] + g[1], rows < 0 ? 0 : rows, cols, g[4]);
  else isa.f32.columnSums((float*)a.data[0] + g[0], (const float*)a.data[1] + g[1], rows < 0 ? 0 : rows, cols, g[4]);
  return nullptr;
}

// rnnBackward(dOut | null, dh, h, dz); args: dOutOff, hOff (h and dz), n, code (0 tanh, 1 sigmoid). dh from 0.
napi_value RnnBackward(napi_env env, napi_callback_info info) {
  Env* e = envOf(env);
  Arrays a;
  if (e->args == nullptr) return throwError(env, "ERR_ARG", "call setArgs first");
  if (!readArrays(env, info, 4, 1u, a)) return nullptr;
  const int32_t* g = e->args;
  const int64_t n = g[2];
  if (g[3] != 0 && g[3] != 1) return throwError(env, "ERR_ARG", "rnnBackward: code must be 0 (tanh) or 1 (sigmoid)");
  if ((a.data[0] != nullptr && !inside(g[0], n, a.length[0])) || !inside(0, n, a.length[1]) || !inside(g[1], n, a.length[2]) || !inside(g[1], n, a.length[3])) return rangeError(env);
  const Isa& isa = ISAS[e->isa];
  if (a.f64) isa.f64.rnnBackward(a.data[0] != nullptr ? (const double*)a.data[0] + g[0] : nullptr, (const double*)a.data[1], (const double*)a.data[2] + g[1], (double*)a.data[3] + g[1], n, g[3]);
  else isa.f32.rnnBackward(a.data[0] != nullptr ? (const float*)a.data[0] + g[0] : nullptr, (const float*)a.data[1], (const float*)a.data[2] + g[1], (float*)a.data[3] + g[1], n, g[3]);
  return nullptr;
}

// gruForward(z, rec, hPrev, cand, h); args: zOff, hPrevOff, stateOff (cand, h), batch, u. rec [batch, 3u] from 0.
napi_value GruForward(napi_env env, napi_callback_info info) {
  Env* e = envOf(env);
  Arrays a;
  if (e->args == nullptr) return throwError(env, "ERR_ARG", "call setArgs first");
  if (!readArrays(env, info, 5, 0, a)) return nullptr;
  const int32_t* g = e->args;
  const int64_t rows = (int64_t)g[3] * g[4];
  if (g[3] < 0 || g[4] < 0 || !inside(g[0], 3 * rows, a.length[0]) || !inside(0, 3 * rows, a.length[1]) || !inside(g[1], rows, a.length[2]) ||
      !inside(g[2], rows, a.length[3]) || !inside(g[2], rows, a.length[4])) return rangeError(env);
  const Isa& isa = ISAS[e->isa];
  if (a.f64) {
    isa.f64.gruForward((double*)a.data[0] + g[0], (const double*)a.data[1], (const double*)a.data[2] + g[1], (double*)a.data[3] + g[2], (double*)a.data[4] + g[2], g[3], g[4]);
  } else {
    isa.f32.gruForward((float*)a.data[0] + g[0], (const float*)a.data[1], (const float*)a.data[2] + g[1], (float*)a.data[3] + g[2], (float*)a.data[4] + g[2], g[3], g[4]);
  }
  return nullptr;
}

// Whether rows × cols elements of L lanes each (element (r, c) at off + r·rowStride + c·colStride, its lanes from
// that index × L) lie inside an array of `length` values.
bool lanesFit(int64_t off, int64_t rows, int64_t rowStride, int64_t cols, int64_t colStride, int64_t lanes, size_t length) {
  if (off < 0 || rowStride < 0 || colStride < 0 || lanes <= 0) return false;
  if (rows <= 0 || cols <= 0) return true;
  return (off + (rows - 1) * rowStride + (cols - 1) * colStride + 1) * lanes <= (int64_t)length;
}

// adamStep(params, grads, m, v, scalars): Adam over args n values (args: n, keras 0/1), bit for bit as
// FlatOptimizer's JS loop; scalars a Float64Array {lr, beta1, beta2, epsilon, c1, c2, lrT}.
napi_value AdamStep(napi_env env, napi_callback_info info) {
  Env* e = envOf(env);
  Arrays a;
  if (e->args == nullptr) return throwError(env, "ERR_ARG", "call setArgs first");
  if (!readArrays(env, info, 4, 0, a)) return nullptr;
  size_t argc = 5;
  napi_value argv[5];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  bool typed = false;
  if (argc >= 5) napi_is_typedarray(env, argv[4], &typed);
  napi_typedarray_type t;
  size_t sLength = 0;
  void* sData = nullptr;
  if (typed) napi_get_typedarray_info(env, argv[4], &t, &sLength, &sData, nullptr, nullptr);
  if (!typed || t != napi_float64_array || sLength < 7) return throwError(env, "ERR_ARG", "adamStep: scalars must be a Float64Array of 7");
  const int64_t n = e->args[0];
  if (n < 0 || !inside(0, n, a.length[0]) || !inside(0, n, a.length[1]) || !inside(0, n, a.length[2]) || !inside(0, n, a.length[3])) return rangeError(env);
  const Isa& isa = ISAS[e->isa];
  const double* s = static_cast<const double*>(sData);
  const bool keras = e->args[1] != 0;
  if (a.f64) isa.f64.adamStep((double*)a.data[0], (const double*)a.data[1], (double*)a.data[2], (double*)a.data[3], n, s, keras);
  else isa.f32.adamStep((float*)a.data[0], (const float*)a.data[1], (float*)a.data[2], (float*)a.data[3], n, s, keras);
  return nullptr;
}

// bindLanes([arrays]): binds up to 32 typed arrays (all Float64Array or all Float32Array) for the lane kernels,
// which name them by index (replacing what was bound; kept alive until the next bindLanes or unbindLanes()).
napi_value BindLanes(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  Env* e = envOf(env);
  bool isArray = false;
  if (argc >= 1) napi_is_array(env, argv[0], &isArray);
  uint32_t count = 0;
  if (isArray) napi_get_array_length(env, argv[0], &count);
  if (!isArray || count > BOUND_MAX) return throwError(env, "ERR_ARG", "bindLanes(arrays): an array of at most 32 typed arrays");
  void* data[BOUND_MAX];
  size_t length[BOUND_MAX];
  napi_value values[BOUND_MAX];
  int type = -1;
  for (uint32_t i = 0; i < count; i++) {
    napi_get_element(env, argv[0], i, &values[i]);
    bool typed = false;
    napi_is_typedarray(env, values[i], &typed);
    napi_typedarray_type t = napi_int8_array;
    if (typed) napi_get_typedarray_info(env, values[i], &t, &length[i], &data[i], nullptr, nullptr);
    if (!typed || (t != napi_float64_array && t != napi_float32_array) || (type != -1 && (int)t != type)) {
      return throwError(env, "ERR_ARG", "bindLanes(arrays): all Float64Array or all Float32Array");
    }
    type = t;
  }
  unbind(env, e);
  for (uint32_t i = 0; i < count; i++) {
    napi_create_reference(env, values[i], 1, &e->boundRefs[i]);
    e->boundData[i] = data[i];
    e->boundLength[i] = length[i];
  }
  e->boundCount = (int)count;
  e->boundF64 = type == napi_float64_array;
  return nullptr;
}

// unbindLanes(): releases the bound arrays.
napi_value UnbindLanes(napi_env env, napi_callback_info) {
  unbind(env, envOf(env));
  return nullptr;
}

// The bound arrays named by args[first .. first + count) into `a` (index −1: null where `optional` allows it).
bool boundArrays(napi_env env, Env* e, int first, int count, unsigned optional, Arrays& a) {
  if (e->args == nullptr) {
    throwError(env, "ERR_ARG", "call setArgs first");
    return false;
  }
  for (int i = 0; i < count; i++) {
    const int id = e->args[first + i];
    if (id == -1 && (optional & (1u << i))) {
      a.data[i] = nullptr;
      a.length[i] = 0;
      continue;
    }
    if (id < 0 || id >= e->boundCount) {
      throwError(env, "ERR_ARG", "lane kernel: an array index is not bound (bindLanes)");
      return false;
    }
    a.data[i] = e->boundData[id];
    a.length[i] = e->boundLength[id];
  }
  a.f64 = e->boundF64;
  return true;
}

// mulLanes(): lane-products.ts mulLanes; args: cOff, cRow, aOff, aRow, aCol, bOff, bRow, bCol, m, n, k,
// accumulate, lanes (offsets and strides in elements of `lanes` values), then bound indices of c, a, b.
napi_value MulLanes(napi_env env, napi_callback_info) {
  Env* e = envOf(env);
  Arrays a;
  if (!boundArrays(env, e, 13, 3, 0, a)) return nullptr;
  const int32_t* g = e->args;
  const int m = g[8], n = g[9], k = g[10], L = g[12];
  if (m < 0 || n < 0 || k < 0) return throwError(env, "ERR_RANGE", "mulLanes: negative size", true);
  if (m == 0 || n == 0) return nullptr;
  if (!lanesFit(g[0], m, g[1], n, 1, L, a.length[0]) || (k > 0 && (!lanesFit(g[2], m, g[3], k, g[4], L, a.length[1]) || !lanesFit(g[5], k, g[6], n, g[7], L, a.length[2])))) {
    return rangeError(env);
  }
  const Isa& isa = ISAS[e->isa];
  if (a.f64) isa.f64.mulLanes((double*)a.data[0] + (int64_t)g[0] * L, g[1], (const double*)a.data[1] + (int64_t)g[2] * L, g[3], g[4], (const double*)a.data[2] + (int64_t)g[5] * L, g[6], g[7], m, n, k, g[11] != 0, L);
  else isa.f32.mulLanes((float*)a.data[0] + (int64_t)g[0] * L, g[1], (const float*)a.data[1] + (int64_t)g[2] * L, g[3], g[4], (const float*)a.data[2] + (int64_t)g[5] * L, g[6], g[7], m, n, k, g[11] != 0, L);
  return nullptr;
}

// fillRowsLanes(); args: cOff, rows, cols, biasOff, lanes, then bound indices of c, bias.
napi_value FillRowsLanes(napi_env env, napi_callback_info) {
  Env* e = envOf(env);
  Arrays a;
  if (!boundArrays(env, e, 5, 2, 0, a)) return nullptr;
  const int32_t* g = e->args;
  const int rows = g[1], cols = g[2], L = g[4];
  if (rows <= 0 || cols <= 0) return nullptr;
  if (!lanesFit(g[0], rows, cols, cols, 1, L, a.length[0]) || !lanesFit(g[3], 1, 0, cols, 1, L, a.length[1])) return rangeError(env);
  const Isa& isa = ISAS[e->isa];
  if (a.f64) isa.f64.fillRowsLanes((double*)a.data[0] + (int64_t)g[0] * L, (const double*)a.data[1] + (int64_t)g[3] * L, rows, cols, L);
  else isa.f32.fillRowsLanes((float*)a.data[0] + (int64_t)g[0] * L, (const float*)a.data[1] + (int64_t)g[3] * L, rows, cols, L);
  return nullptr;
}

// columnSumsLanes(); args: outOff, srcOff, rows, cols, lanes, then bound indices of out, src.
napi_value ColumnSumsLanes(napi_env env, napi_callback_info) {
  Env* e = envOf(env);
  Arrays a;
  if (!boundArrays(env, e, 5, 2, 0, a)) return nullptr;
  const int32_t* g = e->args;
  const int rows = g[2] < 0 ? 0 : g[2], cols = g[3], L = g[4];
  if (cols <= 0) return nullptr;
  if (!lanesFit(g[0], 1, 0, cols, 1, L, a.length[0]) || !lanesFit(g[1], rows, cols, cols, 1, L, a.length[1])) return rangeError(env);
  const Isa& isa = ISAS[e->isa];
  if (a.f64) isa.f64.columnSumsLanes((double*)a.data[0] + (int64_t)g[0] * L, (const double*)a.data[1] + (int64_t)g[1] * L, rows, cols, L);
  else isa.f32.columnSumsLanes((float*)a.data[0] + (int64_t)g[0] * L, (const float*)a.data[1] + (int64_t)g[1] * L, rows, cols, L);
  return nullptr;
}

// lstmBackwardLanes(); args: zOff (z and dz, in elements), stateOff (actCell), cPrevOff, rows, u, lanes, then
// bound indices of dAbove (−1: none), dh, dc, z, actCell, cPrev, dz. dAbove, dh and dc are [rows, u] from 0.
napi_value LstmBackwardLanes(napi_env env, napi_callback_info) {
  Env* e = envOf(env);
  Arrays a;
  if (!boundArrays(env, e, 6, 7, 1u, a)) return nullptr;
  const int32_t* g = e->args;
  const int rows = g[3], u = g[4], L = g[5];
  if (rows <= 0 || u <= 0) return nullptr;
  const int64_t cells = (int64_t)rows * u;
  if ((a.data[0] != nullptr && !lanesFit(0, 1, 0, cells, 1, L, a.length[0])) || !lanesFit(0, 1, 0, cells, 1, L, a.length[1]) || !lanesFit(0, 1, 0, cells, 1, L, a.length[2]) ||
      !lanesFit(g[0], 1, 0, 4 * cells, 1, L, a.length[3]) || !lanesFit(g[1], 1, 0, cells, 1, L, a.length[4]) || !lanesFit(g[2], 1, 0, cells, 1, L, a.length[5]) ||
      !lanesFit(g[0], 1, 0, 4 * cells, 1, L, a.length[6])) {
    return rangeError(env);
  }
  const Isa& isa = ISAS[e->isa];
  const int64_t zo = (int64_t)g[0] * L, so = (int64_t)g[1] * L, po = (int64_t)g[2] * L;
  if (a.f64) {
    isa.f64.lstmBackwardLanes((const double*)a.data[0], (const double*)a.data[1], (double*)a.data[2], (const double*)a.data[3] + zo, (const double*)a.data[4] + so, (const double*)a.data[5] + po, (double*)a.data[6] + zo, rows, u, L);
  } else {
    isa.f32.lstmBackwardLanes((const float*)a.data[0], (const float*)a.data[1], (float*)a.data[2], (const float*)a.data[3] + zo, (const float*)a.data[4] + so, (const float*)a.data[5] + po, (float*)a.data[6] + zo, rows, u, L);
  }
  return nullptr;
}

// lstmForwardLanes(); args: zOff (in elements), cPrevOff, stateOff (c, actCell, h), rows, u, lanes, then bound
// indices of z, cPrev, c, actCell, h.
napi_value LstmForwardLanes(napi_env env, napi_callback_info) {
  Env* e = envOf(env);
  Arrays a;
  if (!boundArrays(env, e, 6, 5, 0, a)) return nullptr;
  const int32_t* g = e->args;
  const int rows = g[3], u = g[4], L = g[5];
  if (rows <= 0 || u <= 0) return nullptr;
  const int64_t cells = (int64_t)rows * u;
  if (!lanesFit(g[0], 1, 0, 4 * cells, 1, L, a.length[0]) || !lanesFit(g[1], 1, 0, cells, 1, L, a.length[1]) || !lanesFit(g[2], 1, 0, cells, 1, L, a.length[2]) ||
      !lanesFit(g[2], 1, 0, cells, 1, L, a.length[3]) || !lanesFit(g[2], 1, 0, cells, 1, L, a.length[4])) {
    return rangeError(env);
  }
  const Isa& isa = ISAS[e->isa];
  const int64_t zo = (int64_t)g[0] * L, po = (int64_t)g[1] * L, so = (int64_t)g[2] * L;
  if (a.f64) isa.f64.lstmForwardLanes((double*)a.data[0] + zo, (const double*)a.data[1] + po, (double*)a.data[2] + so, (double*)a.data[3] + so, (double*)a.data[4] + so, rows, u, L);
  else isa.f32.lstmForwardLanes((float*)a.data[0] + zo, (const float*)a.data[1] + po, (float*)a.data[2] + so, (float*)a.data[3] + so, (float*)a.data[4] + so, rows, u, L);
  return nullptr;
}

// v8Math(src, dst): dst = f(src), Float64Arrays of at least args n; args: code (0 exp, 1 tanh, 2 expm1), n.
// V8's Math.exp / Math.tanh / Math.expm1 as the lane kernels compute them (for their tests).
napi_value V8Math(napi_env env, napi_callback_info info) {
  Env* e = envOf(env);
  Arrays a;
  if (e->args == nullptr) return throwError(env, "ERR_ARG", "call setArgs first");
  if (!readArrays(env, info, 2, 0, a)) return nullptr;
  if (!a.f64) return throwError(env, "ERR_ARG", "v8Math: Float64Arrays only");
  const int code = e->args[0];
  const int64_t n = e->args[1];
  if (code < 0 || code > 2) return throwError(env, "ERR_ARG", "v8Math: code must be 0 (exp), 1 (tanh) or 2 (expm1)");
  if (!inside(0, n, a.length[0]) || !inside(0, n, a.length[1])) return rangeError(env);
  ISAS[e->isa].f64.v8Math(code, (const double*)a.data[0], (double*)a.data[1], n);
  return nullptr;
}

// lockstepStep(lossSum): one step of a lockstep LSTM → Dense group (exact-kernel.inc lstmDenseStepLanes) on the
// arrays bound in LOCKSTEP_ARRAYS order; args: rows, steps, features, units, dense units, width (lanes in the
// arrays), real lanes, stateful, mae (else mse), and the parameter offsets of the kernel, recurrent kernel,
// bias, Dense kernel and Dense bias. lossSum: a Float64Array of at least the real lanes.
napi_value LockstepStep(napi_env env, napi_callback_info info) {
  Env* e = envOf(env);
  if (e->args == nullptr) return throwError(env, "ERR_ARG", "call setArgs first");
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  bool typed = false;
  if (argc >= 1) napi_is_typedarray(env, argv[0], &typed);
  napi_typedarray_type t = napi_int8_array;
  size_t lossLength = 0;
  void* lossData = nullptr;
  if (typed) napi_get_typedarray_info(env, argv[0], &t, &lossLength, &lossData, nullptr, nullptr);
  if (!typed || t != napi_float64_array) return throwError(env, "ERR_ARG", "lockstepStep(lossSum): lossSum must be a Float64Array");
  if (e->boundCount < LOCKSTEP_ARRAYS) return throwError(env, "ERR_ARG", "lockstepStep: bind the group's 19 arrays first (bindLanes)");
  const int32_t* g = e->args;
  const int64_t rows = g[LS_ROWS], steps = g[LS_STEPS], F = g[LS_FEATURES], u = g[LS_UNITS], d = g[LS_DENSE], L = g[LS_WIDTH], real = g[LS_REAL];
  if (rows <= 0 || steps <= 0 || F <= 0 || u <= 0 || d <= 0 || L <= 0 || real <= 0 || real > L || (size_t)real > lossLength) return rangeError(env);
  const int64_t w = 4 * u;
  const size_t* len = e->boundLength;
  auto holds = [&](int id, int64_t elements) { return elements * L <= (int64_t)len[id]; };
  const int64_t kOff = g[LS_KOFF], rOff = g[LS_ROFF], bOff = g[LS_BOFF], dkOff = g[LS_DKOFF], dbOff = g[LS_DBOFF];
  const int64_t params = dbOff + d;
  const bool ok = kOff >= 0 && rOff >= kOff + F * w && bOff >= rOff + u * w && dkOff >= bOff + w && dbOff >= dkOff + u * d && holds(A_PARAMS, params) && holds(A_GRADS, params) &&
                  holds(A_INPUT, steps * rows * F) && holds(A_TARGETS, rows * d) && holds(A_GATES, steps * rows * w) && holds(A_DPREACT, steps * rows * w) &&
                  holds(A_HHIST, steps * rows * u) && holds(A_CHIST, steps * rows * u) && holds(A_ACTCELL, steps * rows * u) && holds(A_HINIT, rows * u) &&
                  holds(A_CINIT, rows * u) && holds(A_HCARRY, rows * u) && holds(A_CCARRY, rows * u) && len[A_HCARRY] <= len[A_HINIT] && len[A_CCARRY] <= len[A_CINIT] &&
                  holds(A_DH, rows * u) && holds(A_DC, rows * u) && holds(A_DLSTM, rows * u) && holds(A_PREACT, rows * d) && holds(A_DOUT, rows * d) && holds(A_DZ, rows * d);
  if (!ok) return rangeError(env);
  int sizes[LS_ARGS];
  for (int i = 0; i < LS_ARGS; i++) sizes[i] = g[i];
  const Isa& isa = ISAS[e->isa];
  if (e->boundF64) isa.f64.lstmDenseStepLanes((double* const*)e->boundData, len, sizes, (double*)lossData);
  else isa.f32.lstmDenseStepLanes((float* const*)e->boundData, len, sizes, (double*)lossData);
  return nullptr;
}

}  // namespace

NAPI_MODULE_INIT() {
  Env* e = new Env();
  for (int i = 0; i < ISA_COUNT; i++) {
    if (isaSupported(i)) {
      e->isa = i;
      break;
    }
  }
  napi_set_instance_data(env, e, finalizeEnv, nullptr);
  const napi_property_descriptor props[] = {
      {"info", nullptr, Info, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"useIsa", nullptr, UseIsa, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setArgs", nullptr, SetArgs, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"gemm", nullptr, Gemm, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"packB", nullptr, PackB, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"gemmPacked", nullptr, GemmPacked, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"activate", nullptr, Activate, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"lstmForward", nullptr, LstmForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"lstmBackward", nullptr, LstmBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"fillRows", nullptr, FillRows, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"columnSums", nullptr, ColumnSums, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"rnnBackward", nullptr, RnnBackward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"gruForward", nullptr, GruForward, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"adamStep", nullptr, AdamStep, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"bindLanes", nullptr, BindLanes, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"unbindLanes", nullptr, UnbindLanes, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"mulLanes", nullptr, MulLanes, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"fillRowsLanes", nullptr, FillRowsLanes, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"columnSumsLanes", nullptr, ColumnSumsLanes, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"lstmForwardLanes", nullptr, LstmForwardLanes, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"lockstepStep", nullptr, LockstepStep, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"v8Math", nullptr, V8Math, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"lstmBackwardLanes", nullptr, LstmBackwardLanes, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}

