// The kernels of every instruction set, for the N-API glue (addon.cc): one table, filled in isa.cc.
#pragma once
#include <stddef.h>

// Every kernel of one storage type T for one ISA (signatures: gemm-kernel.inc, cell-kernel.inc).
template <typename T>
struct Kernels {
  // The last argument: B pre-packed by packAllB (then B's pointer and strides are unused), or null.
  void (*gemm)(int, int, int, const T*, long, long, const T*, long, long, T*, long, bool, T*, T*, const T*);
  // Elements a pre-packed k × n B takes in this ISA's layout, and the packing (b read as b[p·bRow + j·bCol]).
  long (*packedSize)(int, int);
  void (*packAllB)(const T*, long, long, int, int, T*);
  void (*activate)(int, const T*, T*, long);
  void (*lstmForward)(T*, const T*, T*, T*, T*, int, int);
  void (*lstmBackward)(const T*, const T*, T*, const T*, const T*, const T*, T*, int, int);
  void (*fillRows)(T*, const T*, int, int, long);
  void (*columnSums)(T*, const T*, int, int, long);
  void (*rnnBackward)(const T*, const T*, const T*, T*, long, int);
  void (*gruForward)(T*, const T*, const T*, T*, T*, int, int);
  // Exact kernels (exact-kernel.inc): the JS loops' bits.
  void (*adamStep)(T*, const T*, T*, T*, long, const double*, bool);
  void (*mulLanes)(T*, long, const T*, long, long, const T*, long, long, int, int, int, bool, int);
  void (*fillRowsLanes)(T*, const T*, int, int, int);
  void (*columnSumsLanes)(T*, const T*, int, int, int);
  void (*lstmBackwardLanes)(const T*, const T*, T*, const T*, const T*, const T*, T*, int, int, int);
  void (*lstmForwardLanes)(T*, const T*, T*, T*, T*, int, int, int);
  void (*v8Math)(int, const double*, double*, long);
  void (*lstmDenseStepLanes)(T* const*, const size_t*, const int*, double*);
};

// lstmDenseStepLanes's arguments (exact-kernel.inc): the sizes block, and the bound arrays' order.
enum { LS_ROWS, LS_STEPS, LS_FEATURES, LS_UNITS, LS_DENSE, LS_WIDTH, LS_REAL, LS_STATEFUL, LS_MAE, LS_KOFF, LS_ROFF, LS_BOFF, LS_DKOFF, LS_DBOFF, LS_ARGS };
enum { A_PARAMS, A_GRADS, A_INPUT, A_TARGETS, A_GATES, A_DPREACT, A_HHIST, A_CHIST, A_ACTCELL, A_HINIT, A_CINIT, A_HCARRY, A_CCARRY, A_DH, A_DC, A_PREACT, A_DOUT, A_DZ, A_DLSTM, LOCKSTEP_ARRAYS };

struct Isa {
  const char* name;
  Kernels<double> f64;
  Kernels<float> f32;
};

// The instruction sets, fastest first (avx512, avx2, sse2 on x86; one generic entry elsewhere).
extern const Isa ISAS[];
extern const int ISA_COUNT;
// Whether this CPU runs ISAS[i] (__builtin_cpu_supports).
bool isaSupported(int i);

// Blocking of the packed gemm, shared by every ISA: KC depth steps per packed block (an MR·KC panel of A and a
// KC·NR panel of B stay in L1/L2), MC rows of A per packed block (≤ 296 KB in L2; float32 blocks are balanced
// up to MC·4/3 rows, gemm-kernel.inc blockRows), NC columns of B per block.
// The pack buffers (addon.cc) are sized from these: MC_MAX·KC and KC·(NC + 32) doubles.
#define KC 256
#define NC 2048
#define MC_MAX 144
