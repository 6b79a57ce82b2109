import Basics
import Testing

@testable import Tensors


/// Builds a matrix of `format` with random codes and scales, owning its bytes.
func randomMatrix(_ format: WeightMatrix.Format, rows: Int, columns: Int, seed: UInt64) -> WeightMatrix {
    var generator = SplitMix64(seed: seed)
    let dataBytes = WeightMatrix.dataBytes(format: format, rows: rows, columns: columns)
    let scaleBytes = WeightMatrix.scaleBytes(format: format, rows: rows, columns: columns)
    let data = OwnedBuffer(byteCount: dataBytes)
    let scales = OwnedBuffer(byteCount: max(1, scaleBytes))
    let bytes = data.pointer.assumingMemoryBound(to: UInt8.self)
    switch format {
    case .float32:
        let floats = data.pointer.assumingMemoryBound(to: Float.self)
        for index in 0..<(rows * columns) { floats[index] = Float.random(in: -1...1, using: &generator) }
    case .bfloat16, .float16:
        let halves = data.pointer.assumingMemoryBound(to: UInt16.self)
        for index in 0..<(rows * columns) {
            let value = Float.random(in: -2...2, using: &generator)
            halves[index] = format == .bfloat16 ? ScalarFormats.floatToBFloat16(value) : Float16(value).bitPattern
        }
    case .fp8Block128:
        for index in 0..<dataBytes {
            var code = UInt8.random(in: 0...255, using: &generator)
            if code & 0x7F == 0x7F { code = 0x7E }  // no NaN codes in real weights
            bytes[index] = code
        }
    case .fp4Group32:
        for index in 0..<dataBytes { bytes[index] = UInt8.random(in: 0...255, using: &generator) }
    }
    let scaleBytesPointer = scales.pointer.assumingMemoryBound(to: UInt8.self)
    for index in 0..<scaleBytes { scaleBytesPointer[index] = UInt8.random(in: 118...130, using: &generator) }
    final class Owners { let a: OwnedBuffer; let b: OwnedBuffer; init(_ a: OwnedBuffer, _ b: OwnedBuffer) { self.a = a; self.b = b } }
    return WeightMatrix(
        format: format, rows: rows, columns: columns, data: UnsafeRawPointer(data.pointer),
        scales: scaleBytes > 0 ? UnsafeRawPointer(scales.pointer) : nil, owner: Owners(data, scales))
}

/// `W · x` in double precision from the exact scalar decoders.
func naiveProduct(_ matrix: WeightMatrix, _ x: [Float]) -> [Double] {
    (0..<matrix.rows).map { row in
        var sum = 0.0
        for column in 0..<matrix.columns { sum += Double(matrix.element(row, column)) * Double(x[column]) }
        return sum
    }
}

func randomVector(_ count: Int, seed: UInt64) -> [Float] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in Float.random(in: -1...1, using: &generator) }
}

/// Magnitude bound for comparing a float32 sum against the double-precision one.
func tolerance(_ matrix: WeightMatrix, _ x: [Float], row: Int) -> Double {
    var sum = 0.0
    for column in 0..<matrix.columns { sum += abs(Double(matrix.element(row, column)) * Double(x[column])) }
    return 1e-5 * sum + 1e-30
}

@Suite("Dequantising kernels against the scalar decoders")
struct KernelTests {
    static let shapes: [(WeightMatrix.Format, Int, Int)] = [
        (.float32, 7, 53), (.bfloat16, 9, 77), (.float16, 5, 40), (.fp8Block128, 131, 300),
        (.fp8Block128, 3, 64), (.fp4Group32, 6, 416), (.fp4Group32, 4, 32),
    ]

    @Test("the SIMD lane decoders agree with the scalar decoders on every code")
    func laneDecoders() {
        for code in 0..<256 where code & 0x7F != 0x7F {
            let lanes = LaneDecoding.e4m3(SIMD16<UInt32>(repeating: UInt32(code) | 0xABCD_EF00))
            #expect(lanes[3].bitPattern == ScalarFormats.e4m3ToFloat(UInt8(code)).bitPattern, "e4m3 code \(code)")
        }
        for code in 0..<16 {
            let half = LaneDecoding.e2m1Half(SIMD16<UInt16>(repeating: UInt16(code) | 0xFF70)) * 0x1p14
            #expect(half[7].bitPattern == ScalarFormats.e2m1ToFloat(UInt8(code)).bitPattern, "e2m1 via binary16, code \(code)")
        }
        for byte in [0, 1, 100, 127, 128, 254, 255] {
            let expected = ScalarFormats.e8m0ToFloat(UInt8(byte))
            var scales: [UInt8] = [127, UInt8(byte)]
            let lanes = scales.withUnsafeMutableBytes { RowKernels.fp4GroupScales(UnsafeRawPointer($0.baseAddress!), 0) }  // safe: two bytes
            #expect(lanes[9].bitPattern == expected.bitPattern || (lanes[9].isNaN && expected.isNaN), "e8m0 \(byte)")
            #expect(lanes[0] == 1 && lanes[7] == 1)
        }
    }

    @Test("fused row dot products match the exact dequantised product for every format")
    func rowDots() {
        for (index, (format, rows, columns)) in Self.shapes.enumerated() {
            let matrix = randomMatrix(format, rows: rows, columns: columns, seed: UInt64(index + 1))
            let x = randomVector(columns, seed: 99)
            let expected = naiveProduct(matrix, x)
            var permuted = [Float](repeating: 0, count: columns)
            permuted.withUnsafeMutableBufferPointer { RowKernels.permute(x, count: columns, format: format, into: $0.baseAddress!) }  // safe: columns > 0
            for row in 0..<rows {
                let got = permuted.withUnsafeBufferPointer { RowKernels.dot(matrix, row: row, $0.baseAddress!) }  // safe: columns > 0
                #expect(abs(Double(got) - expected[row]) <= tolerance(matrix, x, row: row), "\(format) row \(row)")
                var scratch = [Float](repeating: 0, count: RowKernels.scratchCount(columns: columns))
                let withScratch = permuted.withUnsafeBufferPointer { xs in
                    scratch.withUnsafeMutableBufferPointer { RowKernels.dot(matrix, row: row, xs.baseAddress!, scratch: $0.baseAddress!) }  // safe: non-empty
                }
                #expect(withScratch == got || abs(Double(withScratch) - expected[row]) <= tolerance(matrix, x, row: row), "\(format) row \(row) with scratch")
            }
        }
    }

    @Test("decoded rows hold exactly the dequantised elements in lane order")
    func rowDecoding() {
        for (index, (format, rows, columns)) in Self.shapes.enumerated() {
            let matrix = randomMatrix(format, rows: rows, columns: columns, seed: UInt64(index + 11))
            var decoded = [Float](repeating: 0, count: columns)
            var natural = [Float](repeating: 0, count: columns)
            var naturalPermuted = [Float](repeating: 0, count: columns)
            for row in [0, rows - 1] {
                decoded.withUnsafeMutableBufferPointer { RowKernels.decodeRow(matrix, row: row, into: $0.baseAddress!) }  // safe: columns > 0
                natural.withUnsafeMutableBufferPointer { matrix.dequantizeRow(row, into: $0.baseAddress!) }  // safe: columns > 0
                naturalPermuted.withUnsafeMutableBufferPointer { out in
                    natural.withUnsafeBufferPointer { RowKernels.permute($0.baseAddress!, count: columns, format: format, into: out.baseAddress!) }  // safe: columns > 0
                }
                #expect(decoded == naturalPermuted, "\(format) row \(row)")
            }
        }
    }

    @Test("matrix products for one, a few and many vectors agree with the naive product", arguments: [8, Int.max])
    func products(blasThreshold: Int) {
        let pool = ThreadPool(threadCount: 2)
        let multiplier = MatrixMultiplier(pool: pool, blasThreshold: blasThreshold)
        multiplier.inlineThreshold = 0
        for (index, (format, rows, columns)) in Self.shapes.enumerated() {
            let matrix = randomMatrix(format, rows: rows, columns: columns, seed: UInt64(index + 21))
            for count in [1, 3, 9, 12] {
                let x = randomVector(count * columns, seed: UInt64(count))
                var y = [Float](repeating: .nan, count: count * rows)
                x.withUnsafeBufferPointer { xs in
                    y.withUnsafeMutableBufferPointer { multiplier.multiply(matrix, xs.baseAddress!, count: count, into: $0.baseAddress!) }  // safe: non-empty
                }
                for token in 0..<count {
                    let vector = Array(x[(token * columns)..<((token + 1) * columns)])
                    let expected = naiveProduct(matrix, vector)
                    for row in 0..<rows {
                        let got = Double(y[token * rows + row])
                        #expect(abs(got - expected[row]) <= tolerance(matrix, vector, row: row), "\(format) count \(count) token \(token) row \(row)")
                    }
                }
            }
        }
    }

    @Test("grouped products multiply each band of rows by its own input segment")
    func groupedProducts() {
        let pool = ThreadPool(threadCount: 2)
        let multiplier = MatrixMultiplier(pool: pool, blasThreshold: 8)
        multiplier.inlineThreshold = 0
        let groups = 3
        let matrix = randomMatrix(.fp8Block128, rows: 6 * groups, columns: 96, seed: 5)
        for count in [1, 2, 9] {
            let x = randomVector(count * groups * 96, seed: UInt64(40 + count))
            var y = [Float](repeating: .nan, count: count * matrix.rows)
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeMutableBufferPointer { multiplier.multiply(matrix, xs.baseAddress!, count: count, into: $0.baseAddress!, groups: groups) }  // safe: non-empty
            }
            for token in 0..<count {
                for row in 0..<matrix.rows {
                    let segment = (token * groups + row / 6) * 96
                    let vector = Array(x[segment..<(segment + 96)])
                    var expected = 0.0
                    for column in 0..<96 { expected += Double(matrix.element(row, column)) * Double(vector[column]) }
                    #expect(abs(Double(y[token * matrix.rows + row]) - expected) <= tolerance(matrix, vector, row: row), "count \(count) row \(row)")
                }
            }
        }
    }
}
