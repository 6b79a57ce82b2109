#if canImport(Glibc)
import Glibc  // expf
#endif

/// Picks tokens from logits according to `SamplingParameters`, deterministically for a seed.
///
/// Keeps its work arrays between calls, so sampling allocates nothing after the first token.
/// - Complexity: O(V) for greedy and top-k; O(V log V) when only top-p cuts (a full sort).
package struct Sampler: Sendable {
    /// How it samples.
    package let parameters: SamplingParameters
    private var generator: Xoshiro256
    private var order: [Int32] = []
    private var probabilities: [Float] = []

    /// A sampler seeded from `parameters.seed` (or the system when nil).
    package init(parameters: SamplingParameters) {
        self.parameters = parameters
        self.generator = Xoshiro256(seed: parameters.seed ?? UInt64.random(in: 0...UInt64.max))
    }

    /// The index of the largest logit (the first on ties).
    package static func argmax(_ logits: [Float]) -> Int {
        var best = 0
        for index in logits.indices where logits[index] > logits[best] { best = index }
        return best
    }

    /// The next token for `logits`.
    package mutating func sample(_ logits: [Float]) -> Int {
        guard !logits.isEmpty else { return 0 }
        if self.parameters.isGreedy { return Self.argmax(logits) }
        let count = logits.count
        if self.order.count != count {
            self.order = Array(repeating: 0, count: count)
            self.probabilities = Array(repeating: 0, count: count)
        }
        let inverseTemperature = Float(1 / self.parameters.temperature)
        let topK = self.parameters.topK > 0 ? min(self.parameters.topK, count) : count
        let topP = Float(self.parameters.topP)
        let uniform = self.generator.nextUnitFloat()
        return self.order.withUnsafeMutableBufferPointer { order in
            self.probabilities.withUnsafeMutableBufferPointer { probabilities in
                // softmax over all logits (max-subtracted)
                var maximum = -Float.infinity
                for value in logits where value > maximum { maximum = value }
                var sum: Float = 0
                for index in 0..<count {
                    let p = expf((logits[index] - maximum) * inverseTemperature)
                    probabilities[index] = p
                    sum += p
                    order[index] = Int32(index)
                }
                // candidates: the top-k (partial selection), then sorted when top-p needs the order
                var candidates = count
                if topK < count {
                    Self.partition(order, topK, by: probabilities)
                    candidates = topK
                }
                if topP < 1 {
                    Self.sortDescending(order, count: candidates, by: probabilities)
                    var cumulative: Float = 0
                    var kept = 0
                    let scaledTopP = topP * (topK < count ? Self.mass(order, candidates, probabilities) : sum)
                    while kept < candidates {
                        cumulative += probabilities[Int(order[kept])]
                        kept += 1
                        if cumulative >= scaledTopP { break }
                    }
                    candidates = kept
                }
                let total = Self.mass(order, candidates, probabilities)
                let target = uniform * total
                var running: Float = 0
                for slot in 0..<candidates {
                    running += probabilities[Int(order[slot])]
                    if running > target { return Int(order[slot]) }
                }
                return Int(order[candidates - 1])
            }
        }
    }

    private static func mass(_ order: UnsafeMutableBufferPointer<Int32>, _ count: Int, _ p: UnsafeMutableBufferPointer<Float>) -> Float {
        var total: Float = 0
        for slot in 0..<count { total += p[Int(order[slot])] }
        return total
    }

    /// Moves the `k` most probable indices to `order[0..<k]` (quickselect, deterministic pivots).
    private static func partition(_ order: UnsafeMutableBufferPointer<Int32>, _ k: Int, by p: UnsafeMutableBufferPointer<Float>) {
        var low = 0
        var high = order.count - 1
        @inline(__always) func before(_ a: Int32, _ b: Int32) -> Bool {
            p[Int(a)] > p[Int(b)] || (p[Int(a)] == p[Int(b)] && a < b)
        }
        while low < high {
            let pivot = order[(low + high) / 2]
            var i = low
            var j = high
            while i <= j {
                while before(order[i], pivot) { i += 1 }
                while before(pivot, order[j]) { j -= 1 }
                if i <= j {
                    order.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k - 1 <= j { high = j } else if k - 1 >= i { low = i } else { return }
        }
    }

    /// Sorts `order[0..<count]` by descending probability (ties: lower index first).
    private static func sortDescending(_ order: UnsafeMutableBufferPointer<Int32>, count: Int, by p: UnsafeMutableBufferPointer<Float>) {
        var slice = UnsafeMutableBufferPointer(rebasing: order[0..<count])
        slice.sort { p[Int($0)] > p[Int($1)] || (p[Int($0)] == p[Int($1)] && $0 < $1) }
    }
}

/// xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64: a small, fast,
/// reproducible generator for sampling.
package struct Xoshiro256: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole sequence follows from `seed`.
    package init(seed: UInt64) {
        var mix = seed
        func splitMix() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        self.state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        let result = rotate(self.state.1 &* 5, 7) &* 9
        let t = self.state.1 << 17
        self.state.2 ^= self.state.0
        self.state.3 ^= self.state.1
        self.state.1 ^= self.state.2
        self.state.0 ^= self.state.3
        self.state.2 ^= t
        self.state.3 = rotate(self.state.3, 45)
        return result
    }

    /// A uniform float in [0, 1) with 24 random bits.
    package mutating func nextUnitFloat() -> Float {
        Float(self.next() >> 40) * 0x1p-24
    }
}

@inline(__always)
private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
