import CSeamKernels

/// The matrix × vector kernels the engine decodes with on x86-64: bf16, FP8 E4M3 (128 × 128 block
/// scales) and FP4 E2M1 (per-32 scales) rows dequantised while they are multiplied, in AVX2 or
/// AVX-512, picked at run time (`CSeamKernels`, C with intrinsics: the table lookups they need,
/// vpshufb and vpermps, have no Swift spelling).
///
/// A product takes three steps: `permute` the input once into the level's lane order, then run
/// `rows` over any split of the rows (each pool thread its own range; FP8 needs `scratchCount`
/// floats of scratch per thread). Products with several vectors `decodeRows` into f32 instead and
/// multiply those with the permuted inputs. On CPUs without AVX2 (and off x86-64) `best` is `.portable` and
/// callers use the Swift kernels (`RowKernels`) instead.
///
/// Numerics: weights decode exactly (subnormal FP8 codes included); products accumulate in f32
/// with fused multiply-adds in a different order than a naive loop (relative differences of a few
/// ulps of Σ|w·x|). A row with a NaN FP8 code gives NaN, as the scalar definition does. FP8 bands
/// whose scaled input would overflow (scales above 2^7, infinite inputs) and FP4 rows with a scale
/// byte of 0 or 255 take an exact scalar path.
package enum DequantizingKernels {
    /// Instruction-set levels.
    package enum Level: Int32, Sendable, CaseIterable, Comparable, CustomStringConvertible {
        /// No vector kernel: use `RowKernels`.
        case portable = 0
        /// AVX2 + FMA + F16C.
        case avx2 = 1
        /// AVX-512 F/BW/DQ/VL.
        case avx512 = 2

        package static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        /// `avx2`, `avx512`, `portable`.
        package var description: String {
            switch self {
            case .portable: "portable"
            case .avx2: "avx2"
            case .avx512: "avx512"
            }
        }
    }

    /// The best level this CPU supports (CPUID and the OS's saved register state).
    package static let best: Level = Level(rawValue: seam_kernels_best_level()) ?? .portable

    /// Every level this CPU can run, lowest first (for tests and the benchmark).
    package static var supportedLevels: [Level] { Level.allCases.filter { $0 <= self.best } }

    /// True when the kernels handle `format` (bf16, FP8, FP4).
    @inlinable
    package static func handles(_ format: WeightMatrix.Format) -> Bool {
        format == .bfloat16 || format == .fp8Block128 || format == .fp4Group32
    }

    /// Floats of per-thread scratch `rows` needs for a matrix of `columns` (FP8's scaled input).
    package static func scratchCount(_ format: WeightMatrix.Format, columns: Int) -> Int {
        format == .fp8Block128 ? max(1, columns) : 1
    }

    /// Writes `x[0..<columns]` in `level`'s lane order for `format` to `output[0..<columns]`.
    package static func permute(
        _ x: UnsafePointer<Float>, columns: Int, format: WeightMatrix.Format, level: Level, into output: UnsafeMutablePointer<Float>
    ) {
        seam_kernels_permute(level.rawValue, self.code(format), x, columns, output)
    }

    /// `y[r] = Σ_c W[r, c] · x[c]` for `r` in `rows`, with `xPermuted` from `permute` at the same
    /// level; `scratch` holds `scratchCount` floats.
    package static func rows(
        _ matrix: WeightMatrix, _ rows: Range<Int>, xPermuted: UnsafePointer<Float>, level: Level, scratch: UnsafeMutablePointer<Float>,
        into y: UnsafeMutablePointer<Float>
    ) {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= matrix.rows)
        guard !rows.isEmpty else { return }
        let columns = matrix.columns
        switch matrix.format {
        case .fp8Block128:
            seam_kernels_fp8_rows(
                level.rawValue, matrix.data.assumingMemoryBound(to: UInt8.self),
                matrix.scales.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self), columns, xPermuted, scratch, rows.lowerBound,
                rows.upperBound, y)
        case .fp4Group32:
            seam_kernels_fp4_rows(
                level.rawValue, matrix.data.assumingMemoryBound(to: UInt8.self),
                matrix.scales.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self), columns, xPermuted, rows.lowerBound, rows.upperBound, y)
        case .bfloat16:
            seam_kernels_bf16_rows(
                level.rawValue, matrix.data.assumingMemoryBound(to: UInt16.self), columns, xPermuted, rows.lowerBound, rows.upperBound, y)
        case .float32, .float16:
            preconditionFailure("DequantizingKernels.rows takes bf16, FP8 and FP4 matrices")
        }
    }

    /// Rows `rows` dequantised exactly into `output` (`rows.count × columns` floats, row after
    /// row), each in `level`'s lane order for the format — for products with several vectors,
    /// which multiply the decoded rows with inputs `permute` rearranged.
    package static func decodeRows(_ matrix: WeightMatrix, _ rows: Range<Int>, level: Level, into output: UnsafeMutablePointer<Float>) {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= matrix.rows && self.handles(matrix.format))
        guard !rows.isEmpty else { return }
        seam_kernels_decode_rows(
            level.rawValue, self.code(matrix.format), matrix.data, matrix.scales?.assumingMemoryBound(to: UInt8.self), matrix.columns,
            rows.lowerBound, rows.upperBound, output)
    }

    /// The sum of `count` floats read straight through (the benchmark's memory-read baseline).
    package static func streamSum(_ data: UnsafePointer<Float>, count: Int, level: Level) -> Float {
        seam_kernels_stream_sum(level.rawValue, data, count)
    }

    private static func code(_ format: WeightMatrix.Format) -> Int32 {
        switch format {
        case .bfloat16: Int32(SEAM_FORMAT_BF16)
        case .fp8Block128: Int32(SEAM_FORMAT_FP8)
        case .fp4Group32: Int32(SEAM_FORMAT_FP4)
        case .float32, .float16: Int32(SEAM_FORMAT_BF16)  // unused: callers check `handles`
        }
    }
}
