#pragma once
// Dequantising matrix × vector kernels for x86-64 (AVX2 and AVX-512), with a CPUID check to pick
// them at run time. Swift cannot express the table lookups these need (vpshufb, vpermps), so they
// are written with intrinsics; `Tensors` wraps them (`DequantizingKernels`) and keeps its portable
// Swift kernels for other CPUs. On other architectures every level but `portable` is unavailable.
//
// Lane order: a kernel loads weights as vectors of L 32-bit lanes (L = 8 for AVX2, 16 for AVX-512).
// The activation vector is rearranged once per product (`seam_kernels_permute`) so it lines up with
// the decoded weights; columns past the last whole block stay in natural order.

#include <stddef.h>
#include <stdint.h>

/// Instruction-set levels of the kernels.
enum {
    /// No kernel here: use the portable Swift kernels.
    SEAM_KERNELS_PORTABLE = 0,
    /// AVX2, FMA and F16C (the engine's baseline on x86-64).
    SEAM_KERNELS_AVX2 = 1,
    /// AVX-512 F, BW, DQ, VL on top of AVX2.
    SEAM_KERNELS_AVX512 = 2,
};

/// Weight formats of the kernels.
enum {
    /// bf16, row-major.
    SEAM_FORMAT_BF16 = 0,
    /// FP8 E4M3 with UE8M0 scales per 128 × 128 block.
    SEAM_FORMAT_FP8 = 1,
    /// FP4 E2M1, two per byte (low nibble first), with a UE8M0 scale per 32 inputs of a row.
    SEAM_FORMAT_FP4 = 2,
};

/// The best level this CPU and operating system support (CPUID and XGETBV, checked once).
int seam_kernels_best_level(void);

/// True when `level` can run here.
int seam_kernels_level_supported(int level);

/// Columns per permutation block for `level` and `format` (0 for the portable level).
long seam_kernels_block_columns(int level, int format);

/// Writes `x[0..<columns]` in the lane order of `level` and `format` to `out[0..<columns]`.
void seam_kernels_permute(int level, int format, const float *x, long columns, float *out);

/// `y[r] = Σ_c W[r, c] · x[c]` for rows `first..<end` of an FP8 matrix `[rows, columns]` whose codes
/// start at `codes` and whose scales (`[ceil(rows/128), ceil(columns/128)]`) at `scales`. `xp` is
/// the permuted input; `xs` is scratch of `columns` floats. Rows with a NaN code give NaN.
void seam_kernels_fp8_rows(
    int level, const uint8_t *codes, const uint8_t *scales, long columns, const float *xp, float *xs, long first, long end,
    float *y);

/// `y[r] = Σ_c W[r, c] · x[c]` for rows `first..<end` of an FP4 matrix (`columns` a multiple of
/// 32; codes `[rows, columns/2]`, scales `[rows, columns/32]`), with `xp` the permuted input.
void seam_kernels_fp4_rows(
    int level, const uint8_t *codes, const uint8_t *scales, long columns, const float *xp, long first, long end, float *y);

/// `y[r] = Σ_c W[r, c] · x[c]` for rows `first..<end` of a bf16 matrix, with `xp` the permuted input.
void seam_kernels_bf16_rows(int level, const uint16_t *data, long columns, const float *xp, long first, long end, float *y);

/// Rows `first..<end` of a bf16, FP8 or FP4 matrix dequantised exactly (NaN codes and unusual
/// scales included) into `out` (`(end − first) × columns` floats, row after row), each row in the
/// lane order of `level` and `format` — ready to be multiplied with inputs `seam_kernels_permute`
/// rearranged. `scales` is ignored for bf16.
void seam_kernels_decode_rows(
    int level, int format, const void *data, const uint8_t *scales, long columns, long first, long end, float *out);

/// Sum of `count` floats (the streaming-read baseline of the kernel benchmark: one add per element,
/// four vector accumulators, so it runs at the memory's read speed).
float seam_kernels_stream_sum(int level, const float *data, long count);
