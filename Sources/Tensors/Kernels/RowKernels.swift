/// Per-row kernels over a `WeightMatrix`: dot products that dequantise on the fly, and row
/// decoding into `Float` scratch, both in the format's *lane order*.
///
/// Lane order: the kernels load weights as sixteen lanes — 32-bit lanes (64 bytes) for f32,
/// bf16 and FP8, 16-bit lanes (32 bytes) for FP4 — and a lane holds `P` consecutive elements
/// (P = 1 for f32, 2 for bf16, 4 for FP8 and FP4). Shifting every lane by the same amount
/// extracts element `k` of each lane at once. So within each block of `16·P` columns, natural
/// column `P·j + k` sits at position `16·k + j`. A vector multiplied
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
        case .fp4Group32: 4  // 16-bit lanes of four nibbles (see the FP4 kernels)
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
    package static func scratchCount(columns: Int) -> Int { (columns / 64 + 1) * 16 }

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
            low = low.addingProduct(unsafeBitCast(words &<< 16, to: SIMD16<Float>.self), xRaw.loadUnaligned(fromByteOffset: block * 128, as: SIMD16<Float>.self))
            block += 1
        }
        var high = SIMD16<Float>()
        block = 0
        while block < blocks {
            let words = bytes.loadUnaligned(fromByteOffset: block * 64, as: SIMD16<UInt32>.self)
            high = high.addingProduct(unsafeBitCast(words & 0xFFFF_0000, to: SIMD16<Float>.self), xRaw.loadUnaligned(fromByteOffset: block * 128 + 64, as: SIMD16<Float>.self))
            block += 1
        }
        var sum = VectorMath.horizontalSum(low + high)
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
                sum = sum.addingProduct(LaneDecoding.e4m3(words), scaled)
                block += 1
            }
            total += sum
        }
        var sum = VectorMath.horizontalSum(total)
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

    // FP4 codes are widened to IEEE binary16 — sign to bit 15, the three magnitude bits to bits
    // 11…9 — which makes the half-precision value exactly e2m1 · 2^-14 (subnormal codes become
    // binary16 subnormals, which F16C converts exactly and without assists), then converted to
    // `Float` by the hardware. Sixteen 16-bit lanes hold 64 codes, four per lane; each lane pair
    // of 8 lanes covers one 32-element scale group.

    /// The UE8M0 scales of two groups (two bytes of `scales` at `offset`) spread over the lanes
    /// of one FP4 vector: lanes 0–7 get the first, lanes 8–15 the second.
    @inline(__always)
    static func fp4GroupScales(_ scales: UnsafeRawPointer, _ offset: Int) -> SIMD16<Float> {
        let table = ScaleTable.shared.pointer
        let first = table[Int(scales.load(fromByteOffset: offset, as: UInt8.self))]
        let second = table[Int(scales.load(fromByteOffset: offset + 1, as: UInt8.self))]
        return SIMD16<Float>(lowHalf: SIMD8(repeating: first), highHalf: SIMD8(repeating: second))
    }

    @usableFromInline
    static func dotFP4(_ matrix: WeightMatrix, row: Int, _ x: UnsafePointer<Float>) -> Float {
        let columns = matrix.columns
        let bytes = matrix.data + row * (columns / 2)
        let scales = matrix.scales.unsafelyUnwrapped + row * matrix.scaleColumns
        let blocks = columns / 64
        let xRaw = UnsafeRawPointer(x)
        var total = SIMD16<Float>()
        for lane in 0..<4 {
            var sum = SIMD16<Float>()
            var block = 0
            while block < blocks {
                let words = bytes.loadUnaligned(fromByteOffset: block * 32, as: SIMD16<UInt16>.self) &>> UInt16(4 * lane)
                let scaled = xRaw.loadUnaligned(fromByteOffset: (block * 64 + 16 * lane) * 4, as: SIMD16<Float>.self) * Self.fp4GroupScales(scales, 2 * block)
                sum = sum.addingProduct(LaneDecoding.e2m1Half(words), scaled)
                block += 1
            }
            total += sum
        }
        var sum = VectorMath.horizontalSum(total) * 0x1p14
        for column in (blocks * 64)..<columns { sum += matrix.element(row, column) * x[column] }
        return sum
    }

    /// The FP4 dot with each 64-column block's two group scales spread into vectors once, in
    /// `scaleVectors`, instead of once per lane.
    @usableFromInline
    static func dotFP4(_ matrix: WeightMatrix, row: Int, _ x: UnsafePointer<Float>, scales scaleVectors: UnsafeMutablePointer<Float>) -> Float {
        let columns = matrix.columns
        let bytes = matrix.data + row * (columns / 2)
        let scales = matrix.scales.unsafelyUnwrapped + row * matrix.scaleColumns
        let blocks = columns / 64
        let xRaw = UnsafeRawPointer(x)
        let vectors = UnsafeMutableRawPointer(scaleVectors)
        for block in 0..<blocks {
            vectors.storeBytes(of: Self.fp4GroupScales(scales, 2 * block), toByteOffset: block * 64, as: SIMD16<Float>.self)
        }
        var total = SIMD16<Float>()
        for lane in 0..<4 {
            var sum = SIMD16<Float>()
            var block = 0
            while block < blocks {
                let words = bytes.loadUnaligned(fromByteOffset: block * 32, as: SIMD16<UInt16>.self) &>> UInt16(4 * lane)
                let scale = vectors.load(fromByteOffset: block * 64, as: SIMD16<Float>.self)
                let scaled = xRaw.loadUnaligned(fromByteOffset: (block * 64 + 16 * lane) * 4, as: SIMD16<Float>.self) * scale
                sum = sum.addingProduct(LaneDecoding.e2m1Half(words), scaled)
                block += 1
            }
            total += sum
        }
        var sum = VectorMath.horizontalSum(total) * 0x1p14
        for column in (blocks * 64)..<columns { sum += matrix.element(row, column) * x[column] }
        return sum
    }

    static func decodeFP4(_ matrix: WeightMatrix, row: Int, into output: UnsafeMutablePointer<Float>) {
        let columns = matrix.columns
        let bytes = matrix.data + row * (columns / 2)
        let scales = matrix.scales.unsafelyUnwrapped + row * matrix.scaleColumns
        let blocks = columns / 64
        let out = UnsafeMutableRawPointer(output)
        for lane in 0..<4 {
            for block in 0..<blocks {
                let words = bytes.loadUnaligned(fromByteOffset: block * 32, as: SIMD16<UInt16>.self) &>> UInt16(4 * lane)
                let value = (LaneDecoding.e2m1Half(words) * 0x1p14) * Self.fp4GroupScales(scales, 2 * block)
                out.storeBytes(of: value, toByteOffset: (block * 64 + 16 * lane) * 4, as: SIMD16<Float>.self)
            }
        }
        for column in (blocks * 64)..<columns { output[column] = matrix.element(row, column) }
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

    /// FP4 E2M1 in the low nibble of each 16-bit lane, as `Float` times 2^-14 (exact): the
    /// code is widened to binary16 (sign to bit 15, magnitude to bits 11…9) and converted by
    /// the hardware (F16C).
    @inline(__always)
    static func e2m1Half(_ word: SIMD16<UInt16>) -> SIMD16<Float> {
        let bits = ((word & 8) &<< 12) | ((word & 7) &<< 9)
        return SIMD16<Float>(unsafeBitCast(bits, to: SIMD16<Float16>.self))
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
