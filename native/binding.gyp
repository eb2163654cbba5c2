# The native kernel tier of RNN Lab's fused engine (scripts/build-native.mjs runs node-gyp here at install).
{
  'targets': [
    {
      'target_name': 'rnnlab_kernels',
      'sources': ['src/addon.cc', 'src/isa.cc'],
      # -O3 and FMA contraction for the kernels; the ISA of each kernel is set in the source (#pragma GCC target),
      # so the binary runs on any x86-64 and picks AVX-512 / AVX2+FMA / SSE2 at load time.
      'cflags_cc': ['-O3', '-ffp-contract=fast', '-fno-math-errno', '-std=gnu++17', '-fno-exceptions'],
      'cflags_cc!': ['-fno-rtti', '-std=gnu++14', '-std=gnu++1y', '-O2'],
      'defines': ['RNNLAB_CFLAGS=-O3 -ffp-contract=fast -fno-math-errno'],
      'xcode_settings': { 'OTHER_CPLUSPLUSFLAGS': ['-O3', '-ffp-contract=fast', '-fno-math-errno', '-std=gnu++17'] },
    },
  ],
}
