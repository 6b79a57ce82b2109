/// Per-row kernels over a `WeightMatrix`: dot products that dequantise on the fly, and row
/// decoding into `Float` scratch, both in the format's *lane order*.
///
/// Lane order: the kernels load 64 bytes of weights as sixteen 32-bit lanes; a lane holds `P`
/// consecutive elements (P = 1 for f32, 2 for bf16, 4 for FP8, 8 for FP4). Shifting every lane
/// by the same amount extracts element `k` of each lane at once. So within each block of
/// `16·P` columns, natural column `P·j + k` sits at position `16·k + j`. A vector multiplied
/// against such rows is permuted the same way once (`permute`), which is cheap next to the
/// rows. Columns past the last whole block stay in natural order and are done one by one.
///
/// Each inner loop decodes one vector per iteration: LLVM's vectoriser reliably keeps that
/// shape in AVX registers, while bodies with several decodes of one load get scalarised.
package enum RowKernels {
    /// Elements per 32-bit lane for a format.
    @inlinable
    package static func elementsPerLane(_ format: WeightMatrix.Format) -> Int {
        switch format {
        case .float32, .float16: 1
        case .bfloat16: 2
        case .fp8Block128: 4
        case .fp4Group32: 8
        }
    }

    /// Columns per permutation block (`16 · elementsPerLane`).
    @inlinable
    package static func blockColumns(_ format: WeightMatrix.Format) -> Int {
        16 * self.elementsPerLane(format)
    }

    /// Writes `x[0..<count]` in the lane order of `format` to `output[0..<count]`.
    package static func permute(_ x: UnsafePointer<Float>, count: Int, format: WeightMatrix.Format, into output: UnsafeMutablePointer<Float>) {
        let perLane = self.elementsPerLane(format)
        let block = 16 * perLane
        let full = (count / block) * block
        if perLane == 1 {
            output.update(from: x, count: count)
            return
        }
        var base = 0
        while base < full {
            for j in 0..<16 {
                for k in 0..<perLane {
                    output[base + 16 * k + j] = x[base + perLane * j + k]
                }
            }
            base += block
        }
        if full < count { (output + full).update(from: x + full, count: count - full) }
    }

    /// `Σ_c W[row, c] · x[c]`, with `xPermuted` in the lane order of the matrix's format.
    /// `scratch` (at least `scratchCount(columns:)` floats) lets the FP4 kernel decode each row's
    /// scales once instead of once per lane.
    @inlinable
    package static func dot(_ matrix: WeightMatrix, row: Int, _ xPermuted: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>? = nil) -> Float {
        switch matrix.format {
        case .float32: return self.dotF32(matrix, row: row, xPermuted)
        case .bfloat16: return self.dotBF16(matrix, row: row, xPermuted)
        case .float16: return self.dotF16(matrix, row: row, xPermuted)
        case .fp8Block128: return self.dotFP8(matrix, row: row, xPermuted)
        case .fp4Group32:
            if let scratch { return self.dotFP4(matrix, row: row, xPermuted, scales: scratch) }
            return self.dotFP4(matrix, row: row, xPermuted)
        }
    }

    /// Floats of scratch `dot` can use for a row of `columns`.
    @inlinable
    package static func scratchCount(columns: Int) -> Int { (columns / 128 + 1) * 16 }

    /// Row `row` dequantised into `output[0..<columns]` in lane order.
    package static func decodeRow(_ matrix: WeightMatrix, row: Int, into output: UnsafeMutablePointer<Float>) {
        switch matrix.format {
        case .float32:
            output.update(from: (matrix.data + row * matrix.columns * 4).assumingMemoryBound(to: Float.self), count: matrix.columns)
        case .float16:
            for column in 0..<matrix.columns { output[column] = matrix.element(row, column) }
        case .bfloat16: self.decodeBF16(matrix, row: row, into: output)
        case .fp8Block128: self.decodeFP8(matrix, row: row, into: output)
        case .fp4Group32: self.decodeFP4(matrix, row: row, into: output)
        }
    }

    // MARK: - f32, f16

    @usableFromInline
    static func dotF32(_ matrix: WeightMatrix, row: Int, _ x: UnsafePointer<Float>) -> Float {
        VectorMath.dot((matrix.data + row * matrix.columns * 4).assumingMemoryBound(to: Float.self), x, count: matrix.columns)
    }

    @usableFromInline
    static func dotF16(_ matrix: WeightMatrix, row: Int, _ x: UnsafePointer<Float>) -> Float {
        var sum: Float = 0
        for column in 0..<matrix.columns { sum += matrix.element(row, column) * x[column] }
        return sum
    }

    // MARK: - bf16

    @usableFromInline
    static func dotBF16(_ matrix: WeightMatrix, row: Int, _ x: UnsafePointer<Float>) -> Float {
        let columns = matrix.columns
        let bytes = matrix.data + row * columns * 2
        let blocks = columns / 32
        let xRaw = UnsafeRawPointer(x)
        var low = SIMD16<Float>()
        var block = 0
        while block < blocks {
            let words = bytes.loadUnaligned(fromByteOffset: block * 64, as: SIMD16<UInt32>.self)
            low += unsafeBitCast(words &<< 16, to: SIMD16<Float>.self) * xRaw.loadUnaligned(fromByteOffset: block * 128, as: SIMD16<Float>.self)
            block += 1
        }
        var high = SIMD16<Float>()
        block = 0
        while block < blocks {
            let words = bytes.loadUnaligned(fromByteOffset: block * 64, as: SIMD16<UInt32>.self)
            high += unsafeBitCast(words & 0xFFFF_0000, to: SIMD16<Float>.self) * xRaw.loadUnaligned(fromByteOffset: block * 128 + 64, as: SIMD16<Float>.self)
            block += 1
        }
        var sum = (low + high).sum()
        for column in (blocks * 32)..<columns { sum += matrix.element(row, column) * x[column] }
        return sum
    }

    static func decodeBF16(_ matrix: WeightMatrix, row: Int, into output: UnsafeMutablePointer<Float>) {
        let columns = matrix.columns
        let bytes = matrix.data + row * columns * 2
        let blocks = columns / 32
        let out = UnsafeMutableRawPointer(output)
        for block in 0..<blocks {
            let words = bytes.loadUnaligned(fromByteOffset: block * 64, as: SIMD16<UInt32>.self)
            out.storeBytes(of: unsafeBitCast(words &<< 16, to: SIMD16<Float>.self), toByteOffset: block * 128, as: SIMD16<Float>.self)
        }
        for block in 0..<blocks {
            let words = bytes.loadUnaligned(fromByteOffset: block * 64, as: SIMD16<UInt32>.self)
            out.storeBytes(of: unsafeBitCast(words & 0xFFFF_0000, to: SIMD16<Float>.self), toByteOffset: block * 128 + 64, as: SIMD16<Float>.self)
        }
        for column in (blocks * 32)..<columns { output[column] = matrix.element(row, column) }
    }

    // MARK: - FP8 E4M3, 128×128 blocks

    @usableFromInline
    static func dotFP8(_ matrix: WeightMatrix, row: Int, _ x: UnsafePointer<Float>) -> Float {
        let columns = matrix.columns
        let bytes = matrix.data + row * columns
        let scales = matrix.scales.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self) + (row / 128) * matrix.scaleColumns
        let table = ScaleTable.shared.pointer
        let blocks = columns / 64
        let xRaw = UnsafeRawPointer(x)
        var total = SIMD16<Float>()
        for lane in 0..<4 {
            var sum = SIMD16<Float>()
            var block = 0
            while block < blocks {
                let words = bytes.loadUnaligned(fromByteOffset: block * 64, as: SIMD16<UInt32>.self) &>> UInt32(8 * lane)
                let scaled = xRaw.loadUnaligned(fromByteOffset: (block * 64 + 16 * lane) * 4, as: SIMD16<Float>.self) * table[Int(scales[block >> 1])]
                sum += LaneDecoding.e4m3(words) * scaled
                block += 1
            }
            total += sum
        }
        var sum = total.sum()
        for column in (blocks * 64)..<columns { sum += matrix.element(row, column) * x[column] }
        return sum
    }

    static func decodeFP8(_ matrix: WeightMatrix, row: Int, into output: UnsafeMutablePointer<Float>) {
        let columns = matrix.columns
        let bytes = matrix.data + row * columns
        let scales = matrix.scales.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self) + (row / 128) * matrix.scaleColumns
        let table = ScaleTable.shared.pointer
        let blocks = columns / 64
        let out = UnsafeMutableRawPointer(output)
        for lane in 0..<4 {
            for block in 0..<blocks {
                let words = bytes.loadUnaligned(fromByteOffset: block * 64, as: SIMD16<UInt32>.self) &>> UInt32(8 * lane)
                let value = LaneDecoding.e4m3(words) * table[Int(scales[block >> 1])]
                out.storeBytes(of: value, toByteOffset: (block * 64 + 16 * lane) * 4, as: SIMD16<Float>.self)
            }
        }
        for column in (blocks * 64)..<columns { output[column] = matrix.element(row, column) }
    }

    // MARK: - FP4 E2M1, 32-element groups

    @usableFromInline
    static func dotFP4(_ matrix: WeightMatrix, row: Int, _ x: UnsafePointer<Float>) -> Float {
        let columns = matrix.columns
        let bytes = matrix.data + row * (columns / 2)
        let scales = matrix.scales.unsafelyUnwrapped + row * matrix.scaleColumns
        let blocks = columns / 128
        let xRaw = UnsafeRawPointer(x)
        var total = SIMD16<Float>()
        for lane in 0..<8 {
            var sum = SIMD16<Float>()
            var block = 0
            while block < blocks {
                let words = bytes.loadUnaligned(fromByteOffset: block * 64, as: SIMD16<UInt32>.self) &>> UInt32(4 * lane)
                let scale = LaneDecoding.e8m0Groups(scales.loadUnaligned(fromByteOffset: block * 4, as: UInt32.self))
                let scaled = xRaw.loadUnaligned(fromByteOffset: (block * 128 + 16 * lane) * 4, as: SIMD16<Float>.self) * scale
                sum += LaneDecoding.e2m1(words & 0xF) * scaled
                block += 1
            }
            total += sum
        }
        var sum = total.sum()
        for column in (blocks * 128)..<columns { sum += matrix.element(row, column) * x[column] }
        return sum
    }

    /// The FP4 dot with each 128-column block's four group scales decoded once into `scales`.
    @usableFromInline
    static func dotFP4(_ matrix: WeightMatrix, row: Int, _ x: UnsafePointer<Float>, scales scaleVectors: UnsafeMutablePointer<Float>) -> Float {
        let columns = matrix.columns
        let bytes = matrix.data + row * (columns / 2)
        let scales = matrix.scales.unsafelyUnwrapped + row * matrix.scaleColumns
        let blocks = columns / 128
        let xRaw = UnsafeRawPointer(x)
        let vectors = UnsafeMutableRawPointer(scaleVectors)
        for block in 0..<blocks {
            let scale = LaneDecoding.e8m0Groups(scales.loadUnaligned(fromByteOffset: block * 4, as: UInt32.self))
            vectors.storeBytes(of: scale, toByteOffset: block * 64, as: SIMD16<Float>.self)
        }
        var total = SIMD16<Float>()
        for lane in 0..<8 {
            var sum = SIMD16<Float>()
            var block = 0
            while block < blocks {
                let words = bytes.loadUnaligned(fromByteOffset: block * 64, as: SIMD16<UInt32>.self) &>> UInt32(4 * lane)
                let scale = vectors.load(fromByteOffset: block * 64, as: SIMD16<Float>.self)
                let scaled = xRaw.loadUnaligned(fromByteOffset: (block * 128 + 16 * lane) * 4, as: SIMD16<Float>.self) * scale
                sum += LaneDecoding.e2m1(words & 0xF) * scaled
                block += 1
            }
            total += sum
        }
        var sum = total.sum()
        for column in (blocks * 128)..<columns { sum += matrix.element(row, column) * x[column] }
        return sum
    }

    static func decodeFP4(_ matrix: WeightMatrix, row: Int, into output: UnsafeMutablePointer<Float>) {
        let columns = matrix.columns
        let bytes = matrix.data + row * (columns / 2)
        let scales = matrix.scales.unsafelyUnwrapped + row * matrix.scaleColumns
        let blocks = columns / 128
        let out = UnsafeMutableRawPointer(output)
        for lane in 0..<8 {
            for block in 0..<blocks {
                let words = bytes.loadUnaligned(fromByteOffset: block * 64, as: SIMD16<UInt32>.self) &>> UInt32(4 * lane)
                let scale = LaneDecoding.e8m0Groups(scales.loadUnaligned(fromByteOffset: block * 4, as: UInt32.self))
                out.storeBytes(of: LaneDecoding.e2m1(words & 0xF) * scale, toByteOffset: (block * 128 + 16 * lane) * 4, as: SIMD16<Float>.self)
            }
        }
        for column in (blocks * 128)..<columns { output[column] = matrix.element(row, column) }
    }
}

// MARK: - Lane decoders

// The decoders live in this file so per-file (debug) builds can inline them into the kernels.

/// SIMD decoders from 32-bit lanes to `Float` lanes, exact for every finite code.
///
/// Each lane holds one packed code in its low bits (the callers shift the loaded words so the
/// wanted byte or nibble is lowest). Denormal `Float`s never appear as intermediates (they cost
/// a microcode assist per instruction on x86): subnormal codes are rebuilt from a normal value.
enum LaneDecoding {
    /// FP8 E4M3 in the low byte of each lane. The seven magnitude bits land at the bottom of
    /// binary32's exponent and the top of its mantissa, so the bit pattern is the value times
    /// 2^-120, and one exact multiply restores it. Subnormal codes (|q| < 2^-6, about one weight
    /// in 10⁴ in real checkpoints) pass through a binary32 subnormal: still exact, but each such
    /// vector costs a microcode assist — measured on Gaussian weights this decoder is twice as
    /// fast as one that rebuilds subnormals arithmetically. The NaN codes (S.1111.111) decode to
    /// ±480; real checkpoints never contain them (`ScalarFormats.e4m3ToFloat` is exact for all).
    @inline(__always)
    static func e4m3(_ word: SIMD16<UInt32>) -> SIMD16<Float> {
        let bits = ((word & 0x7F) &<< 20) | ((word & 0x80) &<< 24)
        return unsafeBitCast(bits, to: SIMD16<Float>.self) * 0x1p120
    }

    /// FP4 E2M1 in the low nibble of each lane.
    @inline(__always)
    static func e2m1(_ word: SIMD16<UInt32>) -> SIMD16<Float> {
        let magnitude = word & 7
        // exponent field + 126 rebiases E2M1 (bias 1) to binary32
        let normal = unsafeBitCast((magnitude &<< 22) &+ 0x3F00_0000, to: SIMD16<Float>.self)
        // codes 0 and 1 (exponent 0): value = 0.5·m = 2·normal − 1
        let isSubnormal = ((magnitude &+ 6) &>> 3) ^ 1
        let one = unsafeBitCast((0 &- isSubnormal) & 0x3F80_0000, to: SIMD16<Float>.self)
        let value = normal + one * (normal - 1)
        let sign = (word & 8) &<< 28
        return unsafeBitCast(unsafeBitCast(value, to: SIMD16<UInt32>.self) | sign, to: SIMD16<Float>.self)
    }

    /// Shift pattern that puts scale byte `lane / 4` of a 32-bit word into lane `lane`.
    static let groupShifts = SIMD16<UInt32>(0, 0, 0, 0, 8, 8, 8, 8, 16, 16, 16, 16, 24, 24, 24, 24)

    /// Four UE8M0 scale bytes (one word) as 2^(s − 127), each repeated over 4 lanes. Exact,
    /// including s = 0 (2^-127) and s = 255 (NaN).
    @inline(__always)
    static func e8m0Groups(_ word: UInt32) -> SIMD16<Float> {
        let bytes = (SIMD16<UInt32>(repeating: word) &>> Self.groupShifts) & 0xFF
        let isZero = ((bytes &+ 0xFF) &>> 8) ^ 1
        let isNaN = (bytes &+ 1) &>> 8
        let bits = (bytes &<< 23) | ((isZero | isNaN) &<< 22)
        return unsafeBitCast(bits, to: SIMD16<Float>.self)
    }
}

/// 2^(s − 127) for every UE8M0 byte s, as a table the kernels index.
final class ScaleTable: @unchecked Sendable {
    // @unchecked: filled once in init, read-only afterwards.

    /// The table shared by every kernel.
    static let shared = ScaleTable()

    /// 256 floats; entry 255 is NaN, entry 0 is 2^-127.
    let pointer: UnsafePointer<Float>

    private init() {
        let table = UnsafeMutablePointer<Float>.allocate(capacity: 256)
        for byte in 0..<256 { table[byte] = ScalarFormats.e8m0ToFloat(UInt8(byte)) }
        self.pointer = UnsafePointer(table)
    }
}
