// The kernels compiled once per instruction set and storage type: gemm-kernel.inc and cell-kernel.inc are
// included in a namespace per (ISA, type) under `#pragma GCC target`, so one binary holds AVX-512, AVX2+FMA and
// SSE2 versions and the addon picks one at load time (addon.cc). Only this file uses the ISA pragmas.
#include "kernels.h"

namespace {


#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx512vl,avx2,fma")
namespace avx512_f64 {
#define T double
#define VB 64
#define MR 12
#define NV 2
#define MC 144
#include "gemm-kernel.inc"
#include "cell-kernel.inc"
#include "exact-kernel.inc"
#undef T
#undef VB
#undef MR
#undef NV
#undef MC
}  // namespace avx512_f64
namespace avx512_f32 {
#define T float
#define VB 64
#define MR 12
#define NV 2
#define MC 144
#include "gemm-kernel.inc"
#include "cell-kernel.inc"
#include "exact-kernel.inc"
#undef T
#undef VB
#undef MR
#undef NV
#undef MC
}  // namespace avx512_f32
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx2,fma")
namespace avx2_f64 {
#define T double
#define VB 32
#define MR 6
#define NV 2
#define MC 144
#include "gemm-kernel.inc"
#include "cell-kernel.inc"
#include "exact-kernel.inc"
#undef T
#undef VB
#undef MR
#undef NV
#undef MC
}  // namespace avx2_f64
namespace avx2_f32 {
#define T float
#define VB 32
#define MR 6
#define NV 2
#define MC 144
#include "gemm-kernel.inc"
#include "cell-kernel.inc"
#include "exact-kernel.inc"
#undef T
#undef VB
#undef MR
#undef NV
#undef MC
}  // namespace avx2_f32
#pragma GCC pop_options

// Baseline x86-64 (SSE2) or, on other CPUs, whatever the compiler's default vector unit is (16-byte vectors).
namespace base_f64 {
#define T double
#define VB 16
#define MR 6
#define NV 2
#define MC 144
#include "gemm-kernel.inc"
#include "cell-kernel.inc"
#include "exact-kernel.inc"
#undef T
#undef VB
#undef MR
#undef NV
#undef MC
}  // namespace base_f64
namespace base_f32 {
#define T float
#define VB 16
#define MR 6
#define NV 2
#define MC 144
#include "gemm-kernel.inc"
#include "cell-kernel.inc"
#include "exact-kernel.inc"
#undef T
#undef VB
#undef MR
#undef NV
#undef MC
}  // namespace base_f32

}  // namespace

#define KERNELS(ns) {ns::gemm, ns::packedSize, ns::packAllB, ns::activate, ns::lstmForward, ns::lstmBackward, ns::fillRows, ns::columnSums, ns::rnnBackward, ns::gruForward, \
                     ns::adamStep, ns::mulLanes, ns::fillRowsLanes, ns::columnSumsLanes, ns::lstmBackwardLanes, \
                     ns::lstmForwardLanes, ns::v8Math, ns::lstmDenseStepLanes}


#if defined(__x86_64__) || defined(__i386__)
extern const Isa ISAS[] = {
    {"avx512", KERNELS(avx512_f64), KERNELS(avx512_f32)},
    {"avx2", KERNELS(avx2_f64), KERNELS(avx2_f32)},
    {"sse2", KERNELS(base_f64), KERNELS(base_f32)},
};
bool isaSupported(int i) {
  __builtin_cpu_init();
  switch (i) {
    case 0: return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("fma");
    case 1: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    default: return true;
  }
}
#else
extern const Isa ISAS[] = {{"generic", KERNELS(base_f64), KERNELS(base_f32)}};
bool isaSupported(int) { return true; }
#endif
extern const int ISA_COUNT = sizeof(ISAS) / sizeof(ISAS[0]);
