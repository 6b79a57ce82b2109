import Testing

@testable import Tensors

/// A matrix whose element bytes and scale bytes come from closures of the byte index.
func patternMatrix(
    _ format: WeightMatrix.Format, rows: Int, columns: Int, code: (Int) -> UInt8, scale: (Int) -> UInt8
) -> WeightMatrix {
    let dataBytes = WeightMatrix.dataBytes(format: format, rows: rows, columns: columns)
    let scaleBytes = WeightMatrix.scaleBytes(format: format, rows: rows, columns: columns)
    let buffer = OwnedBuffer(byteCount: dataBytes + scaleBytes)
    let bytes = buffer.pointer.assumingMemoryBound(to: UInt8.self)
    for index in 0..<dataBytes { bytes[index] = code(index) }
    for index in 0..<scaleBytes { bytes[dataBytes + index] = scale(index) }
    return WeightMatrix(
        format: format, rows: rows, columns: columns, data: UnsafeRawPointer(buffer.pointer),
        scales: scaleBytes > 0 ? UnsafeRawPointer(buffer.pointer + dataBytes) : nil, owner: buffer)
}

/// `W · x` through `DequantizingKernels` at `level`, in two row ranges (as two pool threads would).
func kernelProduct(_ matrix: WeightMatrix, _ x: [Float], level: DequantizingKernels.Level) -> [Float] {
    var permuted = [Float](repeating: .nan, count: matrix.columns)
    var scratch = [Float](repeating: .nan, count: DequantizingKernels.scratchCount(matrix.format, columns: matrix.columns))
    var y = [Float](repeating: .nan, count: matrix.rows)
    x.withUnsafeBufferPointer { xs in
        permuted.withUnsafeMutableBufferPointer { xp in
            DequantizingKernels.permute(xs.baseAddress!, columns: matrix.columns, format: matrix.format, level: level, into: xp.baseAddress!)  // safe: non-empty
        }
    }
    let split = matrix.rows / 2
    permuted.withUnsafeBufferPointer { xp in
        scratch.withUnsafeMutableBufferPointer { s in
            y.withUnsafeMutableBufferPointer { ys in
                for range in [0..<split, split..<matrix.rows] {
                    DequantizingKernels.rows(matrix, range, xPermuted: xp.baseAddress!, level: level, scratch: s.baseAddress!, into: ys.baseAddress!)  // safe: non-empty
                }
            }
        }
    }
    return y
}

/// True when `got` is within the f32 tolerance of the exact product, or both are NaN, or both
/// are the same infinity.
func agrees(_ got: Float, _ expected: Double, _ tolerance: Double) -> Bool {
    if expected.isNaN || got.isNaN { return expected.isNaN && got.isNaN }
    if expected.isInfinite || got.isInfinite { return Double(got) == expected }
    return abs(Double(got) - expected) <= tolerance
}

@Suite("x86 dequantising kernels against the scalar decoders")
struct DequantizingKernelsTests {
    /// Shapes with tails that are not whole vectors (300 = 9·32 + 12; 1056 = 8·128 + 32 and a
    /// partial set of FP4 scales), rows that do not fill a 128-row FP8 band, and tiny ones.
    static let shapes: [(WeightMatrix.Format, Int, Int)] = [
        (.fp8Block128, 131, 300), (.fp8Block128, 3, 64), (.fp8Block128, 2, 7), (.fp8Block128, 130, 1024),
        (.fp4Group32, 6, 416), (.fp4Group32, 4, 32), (.fp4Group32, 3, 1056), (.fp4Group32, 5, 4096),
        (.bfloat16, 9, 77), (.bfloat16, 5, 1040), (.bfloat16, 2, 3),
    ]

    @Test("the CPU's kernel level is detected and the engine's baseline (AVX2) is there on x86-64")
    func levels() {
        #if arch(x86_64)
        #expect(DequantizingKernels.best >= .avx2, "this x86-64 CPU reports no AVX2/FMA/F16C; the kernel modules are built for haswell")
        #endif
        #expect(DequantizingKernels.supportedLevels.first == .portable)
        #expect(DequantizingKernels.supportedLevels.last == DequantizingKernels.best)
    }

    @Test("every supported level matches the exact product on random weights of every shape")
    func randomWeights() {
        for level in DequantizingKernels.supportedLevels {
            for (index, (format, rows, columns)) in Self.shapes.enumerated() {
                let matrix = randomMatrix(format, rows: rows, columns: columns, seed: UInt64(100 + index))
                let x = randomVector(columns, seed: UInt64(7 + index))
                let expected = naiveProduct(matrix, x)
                let got = kernelProduct(matrix, x, level: level)
                for row in 0..<rows {
                    #expect(agrees(got[row], expected[row], tolerance(matrix, x, row: row)), "\(level) \(format) [\(rows), \(columns)] row \(row)")
                }
            }
        }
    }

    @Test("subnormal FP8 codes (exponent field 0) decode exactly")
    func subnormalCodes() {
        for level in DequantizingKernels.supportedLevels {
            // every code is subnormal or zero: S.0000.mmm
            let matrix = patternMatrix(.fp8Block128, rows: 5, columns: 200, code: { UInt8(($0 * 37) & 0x87) }, scale: { _ in 127 })
            let x = randomVector(200, seed: 3)
            let expected = naiveProduct(matrix, x)
            let got = kernelProduct(matrix, x, level: level)
            for row in 0..<5 {
                #expect(agrees(got[row], expected[row], tolerance(matrix, x, row: row)), "\(level) row \(row)")
                #expect(expected[row] != 0)
            }
        }
    }

    @Test("every FP8 code decodes like the scalar definition, a NaN code making its row NaN")
    func everyCode() {
        for level in DequantizingKernels.supportedLevels {
            // row r holds code (r + c) mod 256 at column c: each row sees every code somewhere
            let columns = 256 + 45
            let matrix = patternMatrix(.fp8Block128, rows: 4, columns: columns, code: { UInt8(($0 / columns + $0 % columns) & 0xFF) }, scale: { _ in 120 })
            let x = randomVector(columns, seed: 4)
            let got = kernelProduct(matrix, x, level: level)
            for row in 0..<4 { #expect(got[row].isNaN, "\(level) row \(row) holds NaN codes") }
            // without the two NaN codes every row is finite and exact
            let clean = patternMatrix(
                .fp8Block128, rows: 4, columns: columns,
                code: { let c = UInt8(($0 / columns + $0 % columns) & 0xFF); return c & 0x7F == 0x7F ? c ^ 1 : c }, scale: { _ in 120 })
            let expected = naiveProduct(clean, x)
            let cleanGot = kernelProduct(clean, x, level: level)
            for row in 0..<4 { #expect(agrees(cleanGot[row], expected[row], tolerance(clean, x, row: row)), "\(level) row \(row)") }
        }
    }

    @Test("a NaN code only in the tail of a row still makes that row NaN, and no other")
    func nanInTail() {
        for level in DequantizingKernels.supportedLevels {
            let columns = 300
            let matrix = patternMatrix(.fp8Block128, rows: 3, columns: columns, code: { $0 == columns + 299 ? 0xFF : UInt8(($0 * 11) & 0x3E) }, scale: { _ in 127 })
            let got = kernelProduct(matrix, randomVector(columns, seed: 5), level: level)
            #expect(!got[0].isNaN && got[1].isNaN && !got[2].isNaN, "\(level): \(got)")
        }
    }

    @Test("FP8 scales whose folded factor overflows, and infinite inputs, take the exact path")
    func fp8ExactPath() {
        for level in DequantizingKernels.supportedLevels {
            // scale 2^13 (byte 140) on the second band only; byte 255 (NaN) on the first band's third
            // column block; an infinite input then sends the third band to the exact path as well
            let matrix = patternMatrix(
                .fp8Block128, rows: 300, columns: 400, code: { UInt8(($0 * 29) & 0xFE) & 0xF7 },
                scale: { index in index == 4 + 1 ? 140 : (index == 2 ? 255 : 118) })
            var x = randomVector(400, seed: 6)
            let expected = naiveProduct(matrix, x)
            let got = kernelProduct(matrix, x, level: level)
            for row in 0..<300 { #expect(agrees(got[row], expected[row], tolerance(matrix, x, row: row)), "\(level) row \(row)") }
            #expect(got[0].isNaN && !got[150].isNaN)
            x[17] = .infinity
            let withInfinity = naiveProduct(matrix, x)
            let gotInfinity = kernelProduct(matrix, x, level: level)
            for row in [1, 150, 290] {
                #expect(agrees(gotInfinity[row], withInfinity[row], tolerance(matrix, x, row: row)), "\(level) row \(row) with an infinite input")
            }
        }
    }

    @Test("FP4 rows with a subnormal (0) or NaN (255) scale byte match the scalar definition")
    func fp4UnusualScales() {
        for level in DequantizingKernels.supportedLevels {
            let rows = 4
            let columns = 512
            let groups = columns / 32
            let matrix = patternMatrix(
                .fp4Group32, rows: rows, columns: columns, code: { UInt8(($0 * 73) & 0xFF) },
                scale: { index in index == 1 * groups + 3 ? 0 : (index == 2 * groups + 15 ? 255 : 125) })
            let x = randomVector(columns, seed: 8)
            let expected = naiveProduct(matrix, x)
            let got = kernelProduct(matrix, x, level: level)
            for row in 0..<rows { #expect(agrees(got[row], expected[row], tolerance(matrix, x, row: row)), "\(level) row \(row)") }
            #expect(got[2].isNaN && !got[1].isNaN)
        }
    }

    @Test("decoded rows hold the dequantised values in the level's lane order, odd codes and scales included")
    func decodedRows() {
        let unusual: [WeightMatrix] = [
            // every FP8 code, NaN included, one band with an overflowing scale (140) and one NaN scale
            patternMatrix(.fp8Block128, rows: 130, columns: 301, code: { UInt8(($0 * 7 + $0 / 301) & 0xFF) }, scale: { $0 == 1 ? 140 : ($0 == 6 ? 255 : 118 + UInt8($0 % 9)) }),
            // FP4 rows with scale bytes 0 and 255
            patternMatrix(.fp4Group32, rows: 3, columns: 1056, code: { UInt8(($0 * 73) & 0xFF) }, scale: { $0 == 40 ? 0 : ($0 == 70 ? 255 : 127) }),
        ]
        let matrices = unusual + Self.shapes.enumerated().map { index, shape in randomMatrix(shape.0, rows: shape.1, columns: shape.2, seed: UInt64(500 + index)) }
        for level in DequantizingKernels.supportedLevels {
            for matrix in matrices {
                let columns = matrix.columns
                var decoded = [Float](repeating: 0, count: matrix.rows * columns)
                decoded.withUnsafeMutableBufferPointer { DequantizingKernels.decodeRows(matrix, 0..<matrix.rows, level: level, into: $0.baseAddress!) }  // safe: non-empty
                var natural = [Float](repeating: 0, count: columns)
                var expected = [Float](repeating: 0, count: columns)
                for row in 0..<matrix.rows {
                    natural.withUnsafeMutableBufferPointer { matrix.dequantizeRow(row, into: $0.baseAddress!) }  // safe: non-empty
                    expected.withUnsafeMutableBufferPointer { out in
                        DequantizingKernels.permute(natural, columns: columns, format: matrix.format, level: level, into: out.baseAddress!)  // safe: non-empty
                    }
                    let got = decoded[(row * columns)..<((row + 1) * columns)]
                    // equal values (the AVX2 FP4 decoder gives +0 for code 8, −0: the sign of a zero
                    // weight changes no product), NaN where the scalar definition has NaN
                    let same = zip(got, expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
                    #expect(same, "\(level) \(matrix.format) [\(matrix.rows), \(columns)] row \(row)")
                }
            }
        }
    }

    @Test("the multiplier's products with several vectors agree at every level, through its own kernels and OpenBLAS", arguments: [4, Int.max])
    func multiplierSeveralVectors(blasThreshold: Int) {
        let pool = ThreadPool(threadCount: 2)
        for level in DequantizingKernels.supportedLevels {
            let multiplier = MatrixMultiplier(pool: pool, blasThreshold: blasThreshold)
            multiplier.inlineThreshold = 0
            multiplier.kernelLevel = level
            for (index, (format, rows, columns)) in Self.shapes.enumerated() {
                let matrix = randomMatrix(format, rows: rows, columns: columns, seed: UInt64(700 + index))
                for count in [2, 5] {
                    let x = randomVector(count * columns, seed: UInt64(count * 31 + index))
                    var y = [Float](repeating: .nan, count: count * rows)
                    x.withUnsafeBufferPointer { xs in
                        y.withUnsafeMutableBufferPointer { multiplier.multiply(matrix, xs.baseAddress!, count: count, into: $0.baseAddress!) }  // safe: non-empty
                    }
                    for token in 0..<count {
                        let vector = Array(x[(token * columns)..<((token + 1) * columns)])
                        let expected = naiveProduct(matrix, vector)
                        for row in 0..<rows {
                            #expect(agrees(y[token * rows + row], expected[row], tolerance(matrix, vector, row: row)), "\(level) \(format) count \(count) token \(token) row \(row)")
                        }
                    }
                }
            }
        }
    }

    @Test("the multiplier's single-vector products agree at every level, grouped ones included")
    func multiplierLevels() {
        let pool = ThreadPool(threadCount: 2)
        for level in DequantizingKernels.supportedLevels {
            let multiplier = MatrixMultiplier(pool: pool)
            multiplier.inlineThreshold = 0
            multiplier.kernelLevel = level
            for (index, (format, rows, columns)) in Self.shapes.enumerated() where rows % 2 == 0 || rows > 100 {
                let groups = rows % 2 == 0 ? 2 : 1
                let matrix = randomMatrix(format, rows: rows, columns: columns, seed: UInt64(300 + index))
                let x = randomVector(groups * columns, seed: UInt64(9 + index))
                var y = [Float](repeating: .nan, count: rows)
                x.withUnsafeBufferPointer { xs in
                    y.withUnsafeMutableBufferPointer { multiplier.multiply(matrix, xs.baseAddress!, count: 1, into: $0.baseAddress!, groups: groups) }  // safe: non-empty
                }
                for row in 0..<rows {
                    let segment = Array(x[((row / (rows / groups)) * columns)..<((row / (rows / groups) + 1) * columns)])
                    let expected = naiveProduct(matrix, segment)[row]
                    #expect(agrees(y[row], expected, tolerance(matrix, segment, row: row)), "\(level) \(format) groups \(groups) row \(row)")
                }
            }
        }
    }
}
