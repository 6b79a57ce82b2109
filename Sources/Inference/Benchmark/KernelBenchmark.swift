import DeepSeekV4
import Tensors

#if canImport(Glibc)
import Glibc  // clock_gettime, getloadavg, log, cos
#endif

/// Matrix × vector throughput of the dequantising kernels on matrices the size of
/// DeepSeek-V4-Flash's — FP8 `wq_b`-like [4096, 4096] with 128×128 scales, FP4 expert `w1`
/// [2048, 4096] with per-32 scales, BF16 [4096, 4096] — against a plain streaming read of the
/// same memory measured in the same run.
///
/// Method: one buffer larger than the last-level cache (default 512 MiB) holds weight bytes that
/// are valid normal codes in every format (as FP8 Gaussian-like codes; as bf16 no subnormals or
/// NaNs); each format views it as a run of matrices with their own scale arrays, and a sample
/// multiplies a vector by the next matrices in the run for about `sampleSeconds`, so every read
/// comes from memory, as in a real decode step. The streaming baseline sums the same buffer as
/// floats (one vector add per 64 bytes, four accumulators). Rounds interleave every
/// (threads, format, kernel) pair so load from other processes hits them alike; each figure is
/// the median over the rounds, in bytes per wall second and per CPU second (summed over
/// threads). `fractionOfStream` = kernel ÷ stream at the same thread count: the fraction of the
/// bandwidth this machine actually delivers that the kernel reaches.
package struct KernelBenchmark {
    /// One kernel (or the streaming read) at one thread count.
    package struct Measurement: Sendable, Codable {
        /// `stream`, or the weight format (`fp8Block128`, `fp4Group32`, `bfloat16`).
        package var format: String
        /// `avx512`, `avx2`, or `swift` (the portable Swift kernels, for comparison).
        package var kernel: String
        /// Threads of the pool.
        package var threads: Int
        /// Matrix shape (0 for the stream).
        package var rows: Int
        package var columns: Int
        /// Bytes of one matrix, elements and scales (the stream: the whole buffer).
        package var bytes: Int
        /// Median bytes per wall-clock second.
        package var gigabytesPerSecond: Double
        /// Median bytes per CPU second of the process.
        package var gigabytesPerCPUSecond: Double
        /// `gigabytesPerSecond` over the stream's at the same thread count (1 for the stream).
        package var fractionOfStream: Double
        /// The same per CPU second.
        package var fractionOfStreamPerCPUSecond: Double
    }

    /// Everything one run measured.
    package struct Report: Sendable, Codable {
        /// Bytes the samples cycle through.
        package var workingSetBytes: Int
        /// Rounds each median is taken over.
        package var rounds: Int
        /// The 1-minute load average before and after (other processes competing for the cores).
        package var loadBefore: Double
        package var loadAfter: Double
        /// Kernel level the engine uses on this CPU.
        package var level: String
        package var measurements: [Measurement]

        /// The streaming read at `threads`, if measured.
        package func stream(threads: Int) -> Measurement? {
            self.measurements.first { $0.format == "stream" && $0.threads == threads }
        }
    }

    /// Bytes the samples cycle through (keep it above the last-level cache).
    package var workingSetBytes: Int
    /// Rounds per median.
    package var rounds: Int
    /// Seconds per sample (at least one matrix).
    package var sampleSeconds: Double
    /// Thread counts measured.
    package var threadCounts: [Int]
    /// Kernel levels measured; `.portable` is reported as `swift`.
    package var levels: [DequantizingKernels.Level]

    /// Defaults: 512 MiB, 5 rounds of 0.12 s samples, 1 and 2 threads, the CPU's best level and
    /// the portable Swift kernels.
    package init(
        workingSetBytes: Int = 512 << 20, rounds: Int = 5, sampleSeconds: Double = 0.12, threadCounts: [Int] = [1, 2],
        levels: [DequantizingKernels.Level] = Array(Set([DequantizingKernels.best, .portable])).sorted(by: >)
    ) {
        self.workingSetBytes = workingSetBytes
        self.rounds = rounds
        self.sampleSeconds = sampleSeconds
        self.threadCounts = threadCounts
        self.levels = levels
    }

    /// The shapes measured.
    static let shapes: [(WeightMatrix.Format, Int, Int)] = [(.fp8Block128, 4096, 4096), (.fp4Group32, 2048, 4096), (.bfloat16, 4096, 4096)]

    /// Runs every round and returns the medians.
    package func run() -> Report {
        let loadBefore = Self.loadAverage()
        let buffer = Self.weightBytes(self.workingSetBytes)
        let runs = Self.shapes.map { format, rows, columns in MatrixRun(format: format, rows: rows, columns: columns, buffer: buffer) }
        var x = [Float](repeating: 0, count: 4096)
        for index in x.indices { x[index] = Float((index * 7) % 13) / 13 - 0.5 }
        var y = [Float](repeating: 0, count: 4096)
        let floats = buffer.pointer.assumingMemoryBound(to: Float.self)
        let floatCount = buffer.byteCount / 4
        var samples: [String: (wall: [Double], cpu: [Double])] = [:]
        func record(_ key: String, _ sample: (wall: Double, cpu: Double)) {
            samples[key, default: ([], [])].wall.append(sample.wall)
            samples[key, default: ([], [])].cpu.append(sample.cpu)
        }
        let pools = self.threadCounts.map { ThreadPool(threadCount: $0) }
        let multipliers = pools.map { pool in
            self.levels.map { level in
                let multiplier = MatrixMultiplier(pool: pool)
                multiplier.kernelLevel = level
                return multiplier
            }
        }
        let stream = StreamContext(data: floats, count: floatCount, level: DequantizingKernels.best, participants: pools.map(\.participants).max() ?? 1)
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                let input = xs.baseAddress.unsafelyUnwrapped
                let output = ys.baseAddress.unsafelyUnwrapped
                for _ in 0..<max(1, self.rounds) {
                    for (poolIndex, pool) in pools.enumerated() {
                        record("stream|\(pool.participants)", self.sample(bytesPerCall: buffer.byteCount, minimumCalls: 1) { stream.run(on: pool) })
                        for run in runs {
                            for (levelIndex, level) in self.levels.enumerated() {
                                let multiplier = multipliers[poolIndex][levelIndex]
                                let sample = self.sample(bytesPerCall: run.matrixBytes, minimumCalls: 1) {
                                    multiplier.multiply(run.next(), input, into: output)
                                }
                                record("\(run.format.rawValue)|\(Self.kernelName(level))|\(pool.participants)", sample)
                            }
                        }
                    }
                }
            }
        }
        var measurements: [Measurement] = []
        for threads in self.threadCounts {
            let streamKey = "stream|\(threads)"
            let streamWall = Self.median(samples[streamKey]?.wall ?? [])
            let streamCPU = Self.median(samples[streamKey]?.cpu ?? [])
            measurements.append(
                Measurement(
                    format: "stream", kernel: DequantizingKernels.best.description, threads: threads, rows: 0, columns: 0, bytes: buffer.byteCount,
                    gigabytesPerSecond: streamWall / 1e9, gigabytesPerCPUSecond: streamCPU / 1e9, fractionOfStream: 1, fractionOfStreamPerCPUSecond: 1))
            for run in runs {
                for level in self.levels {
                    let key = "\(run.format.rawValue)|\(Self.kernelName(level))|\(threads)"
                    let wall = Self.median(samples[key]?.wall ?? [])
                    let cpu = Self.median(samples[key]?.cpu ?? [])
                    measurements.append(
                        Measurement(
                            format: run.format.rawValue, kernel: Self.kernelName(level), threads: threads, rows: run.rows, columns: run.columns,
                            bytes: run.matrixBytes, gigabytesPerSecond: wall / 1e9, gigabytesPerCPUSecond: cpu / 1e9,
                            fractionOfStream: streamWall > 0 ? wall / streamWall : 0, fractionOfStreamPerCPUSecond: streamCPU > 0 ? cpu / streamCPU : 0))
                }
            }
        }
        return Report(
            workingSetBytes: buffer.byteCount, rounds: max(1, self.rounds), loadBefore: loadBefore, loadAfter: Self.loadAverage(),
            level: DequantizingKernels.best.description, measurements: measurements)
    }

    /// Calls `body` for about `sampleSeconds` (at least `minimumCalls` times): bytes per wall
    /// second and per CPU second.
    private func sample(bytesPerCall: Int, minimumCalls: Int, _ body: () -> Void) -> (wall: Double, cpu: Double) {
        let cpuStarted = processCPUSeconds()
        let started = monotonicSeconds()
        var calls = 0
        var elapsed = 0.0
        repeat {
            body()
            calls += 1
            elapsed = monotonicSeconds() - started
        } while calls < minimumCalls || elapsed < self.sampleSeconds
        let cpu = max(1e-9, processCPUSeconds() - cpuStarted)
        return (Double(bytesPerCall * calls) / max(1e-9, elapsed), Double(bytesPerCall * calls) / cpu)
    }

    /// `swift` for the portable level, else the level's name.
    static func kernelName(_ level: DequantizingKernels.Level) -> String {
        level == .portable ? "swift" : level.description
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// The 1-minute load average.
    package static func loadAverage() -> Double {
        var loads = [Double](repeating: 0, count: 3)
        return getloadavg(&loads, 3) >= 1 ? loads[0] : 0
    }

    /// `count` bytes (rounded up to 64) of FP8 codes of Gaussian weights scaled so a block's
    /// largest is near 448, with the rare codes that are not normal in both FP8 and bf16
    /// (exponent field 0, the NaN pattern) replaced — so FP8, FP4 and bf16 views all see
    /// realistic, assist-free values.
    static func weightBytes(_ count: Int) -> OwnedBuffer {
        let buffer = OwnedBuffer(byteCount: (count + 63) / 64 * 64)
        let bytes = buffer.pointer.assumingMemoryBound(to: UInt8.self)
        var generator = Xoshiro256(seed: 12345)
        let codes = (0..<4096).map { _ -> UInt8 in
            let u1 = max(Double(generator.nextUnitFloat()), 1e-7)
            let u2 = Double(generator.nextUnitFloat())
            let gaussian = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            var code = ScalarFormats.floatToE4M3(Float(gaussian * 448 / 4.5))
            if code & 0x78 == 0 { code |= 0x08 }
            if code & 0x7F == 0x7F { code ^= 1 }
            return code
        }
        // a random pattern for the first 1 MiB, then copies of it (filling 512 MiB byte by byte
        // from the generator would take longer than the measurement)
        let pattern = min(buffer.byteCount, 1 << 20)
        for index in 0..<pattern { bytes[index] = codes[Int(generator.next() >> 52)] }
        var filled = pattern
        while filled < buffer.byteCount {
            let chunk = min(filled, buffer.byteCount - filled)
            (buffer.pointer + filled).copyMemory(from: buffer.pointer, byteCount: chunk)
            filled += chunk
        }
        return buffer
    }
}

/// A run of same-shaped matrices over one shared buffer of weight bytes, each with its own
/// scales, visited in turn.
private final class MatrixRun {
    let format: WeightMatrix.Format
    let rows: Int
    let columns: Int
    let matrices: [WeightMatrix]
    let matrixBytes: Int
    private var cursor = 0

    init(format: WeightMatrix.Format, rows: Int, columns: Int, buffer: OwnedBuffer) {
        self.format = format
        self.rows = rows
        self.columns = columns
        let dataBytes = WeightMatrix.dataBytes(format: format, rows: rows, columns: columns)
        let scaleBytes = WeightMatrix.scaleBytes(format: format, rows: rows, columns: columns)
        let count = max(1, buffer.byteCount / dataBytes)
        let scales = OwnedBuffer(byteCount: max(1, count * scaleBytes))
        let scaleBase = scales.pointer.assumingMemoryBound(to: UInt8.self)
        var generator = Xoshiro256(seed: 99)
        // scale bytes around 2^-7 (real FP8 and FP4 checkpoints use 2^-16 … 2^0)
        for index in 0..<(count * scaleBytes) { scaleBase[index] = UInt8(116 + Int(generator.next() >> 61)) }
        final class Owners {
            let buffers: [OwnedBuffer]
            init(_ buffers: [OwnedBuffer]) { self.buffers = buffers }
        }
        let owner = Owners([buffer, scales])
        self.matrices = (0..<count).map { index in
            WeightMatrix(
                format: format, rows: rows, columns: columns, data: UnsafeRawPointer(buffer.pointer + index * dataBytes),
                scales: scaleBytes > 0 ? UnsafeRawPointer(scales.pointer + index * scaleBytes) : nil, owner: owner)
        }
        self.matrixBytes = dataBytes + scaleBytes
    }

    /// The next matrix of the run.
    func next() -> WeightMatrix {
        let matrix = self.matrices[self.cursor]
        self.cursor = (self.cursor + 1) % self.matrices.count
        return matrix
    }
}

/// The streaming-read baseline split over a pool.
private final class StreamContext {
    let data: UnsafePointer<Float>
    let count: Int
    let level: DequantizingKernels.Level
    /// One slot per participant, a cache line apart (the sums are kept so the reads are not
    /// optimised away).
    let sums: UnsafeMutablePointer<Float>

    init(data: UnsafePointer<Float>, count: Int, level: DequantizingKernels.Level, participants: Int) {
        self.data = data
        self.count = count
        self.level = level
        self.sums = UnsafeMutablePointer<Float>.allocate(capacity: 16 * max(1, participants))
        self.sums.initialize(repeating: 0, count: 16 * max(1, participants))
    }

    deinit {
        self.sums.deallocate()
    }

    func run(on pool: ThreadPool) {
        pool.parallelFor(self.count, granularity: 1 << 14, context: Unmanaged.passUnretained(self).toOpaque()) { raw, lower, upper, participant in
            let context = Unmanaged<StreamContext>.fromOpaque(raw).takeUnretainedValue()
            context.sums[16 * participant] += DequantizingKernels.streamSum(context.data + lower, count: upper - lower, level: context.level)
        }
    }
}

extension KernelBenchmark {
    /// GFLOP/s (per CPU-second) of a 128-token product with a BF16 [4096, 4096] matrix, through
    /// OpenBLAS (tiles decoded to f32) and through our decode-once-per-row kernels.
    package func prefillProducts(pool: ThreadPool, tokens: Int = 128) -> (blas: Double, rows: Double) {
        let buffer = Self.weightBytes(4096 * 4096 * 2)
        let matrix = WeightMatrix(format: .bfloat16, rows: 4096, columns: 4096, data: UnsafeRawPointer(buffer.pointer), scales: nil, owner: buffer)
        var x = [Float](repeating: 0, count: tokens * 4096)
        for index in x.indices { x[index] = Float((index * 7) % 13) / 13 - 0.5 }
        var y = [Float](repeating: 0, count: tokens * 4096)
        func measure(_ threshold: Int) -> Double {
            let multiplier = MatrixMultiplier(pool: pool, blasThreshold: threshold)
            let cpuStarted = processCPUSeconds()
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeMutableBufferPointer { ys in
                    for _ in 0..<2 { multiplier.multiply(matrix, xs.baseAddress.unsafelyUnwrapped, count: tokens, into: ys.baseAddress.unsafelyUnwrapped) }
                }
            }
            return 2 * 2 * Double(tokens) * 4096 * 4096 / (processCPUSeconds() - cpuStarted) / 1e9
        }
        return (measure(1), measure(Int.max))
    }
}

/// CPU seconds the process has used (all threads).
func processCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}
