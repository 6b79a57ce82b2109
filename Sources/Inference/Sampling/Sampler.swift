#if canImport(Glibc)
import Basics
import Glibc  // expf
#endif

/// Picks tokens from logits according to `SamplingParameters`, deterministically for a seed.
///
/// Keeps its work arrays between calls, so sampling allocates nothing after the first token:
/// the top-k cut is an in-place quickselect and the top-p cut pops the most probable tokens off
/// an in-place binary heap until their mass reaches p (no sort, which would allocate).
/// - Complexity: O(V) for greedy, top-k and the softmax; top-p adds O(V + m log V) for the m
///   tokens it keeps (O(k + m log k) after a top-k cut).
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
                logits.withUnsafeBufferPointer { logits in
                    Self.draw(logits, order, probabilities, inverseTemperature: inverseTemperature, topK: topK, topP: topP, uniform: uniform)
                }
            }
        }
    }

    /// Softmax at the temperature, the cuts, then the draw; `order` and `p` are work space.
    private static func draw(
        _ logits: UnsafeBufferPointer<Float>, _ order: UnsafeMutableBufferPointer<Int32>, _ p: UnsafeMutableBufferPointer<Float>,
        inverseTemperature: Float, topK: Int, topP: Float, uniform: Float
    ) -> Int {
        let count = logits.count
        // softmax over all logits (max-subtracted)
        var maximum = -Float.infinity
        for value in logits where value > maximum { maximum = value }
        var sum: Float = 0
        for index in 0..<count {
            let value = expf((logits[index] - maximum) * inverseTemperature)
            p[index] = value
            sum += value
            order[index] = Int32(index)
        }
        // candidates: the top-k (partial selection), then the nucleus, most probable first
        var candidates = count
        var mass = sum
        if topK < count {
            Self.partition(order, topK, by: p)
            candidates = topK
            mass = Self.mass(order, candidates, p)
        }
        if topP < 1 {
            candidates = Self.nucleus(order, candidates, by: p, reaching: topP * mass)
            mass = Self.mass(order, candidates, p)
        }
        let target = uniform * mass
        var running: Float = 0
        for slot in 0..<candidates {
            running += p[Int(order[slot])]
            if running > target { return Int(order[slot]) }
        }
        return Int(order[candidates - 1])
    }

    private static func mass(_ order: UnsafeMutableBufferPointer<Int32>, _ count: Int, _ p: UnsafeMutableBufferPointer<Float>) -> Float {
        var total: Float = 0
        for slot in 0..<count { total += p[Int(order[slot])] }
        return total
    }

    /// True when token `a` ranks before `b`: more probable, or as probable with a lower id.
    @inline(__always)
    private static func ranks(_ a: Int32, before b: Int32, _ p: UnsafeMutableBufferPointer<Float>) -> Bool {
        p[Int(a)] > p[Int(b)] || (p[Int(a)] == p[Int(b)] && a < b)
    }

    /// Moves the `k` most probable indices to `order[0..<k]` (quickselect, deterministic pivots).
    private static func partition(_ order: UnsafeMutableBufferPointer<Int32>, _ k: Int, by p: UnsafeMutableBufferPointer<Float>) {
        var low = 0
        var high = order.count - 1
        while low < high {
            let pivot = order[(low + high) / 2]
            var i = low
            var j = high
            while i <= j {
                while Self.ranks(order[i], before: pivot, p) { i += 1 }
                while Self.ranks(pivot, before: order[j], p) { j -= 1 }
                if i <= j {
                    order.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k - 1 <= j { high = j } else if k - 1 >= i { low = i } else { return }
        }
    }

    /// Reorders `order[0..<count]` so that its first m entries are the m highest-ranked tokens in
    /// rank order, m being the fewest whose probabilities sum to at least `target`; returns m.
    /// A binary max-heap over the range, popped to its end one token at a time, then the popped
    /// run reversed to the front: O(count + m log count), in place.
    private static func nucleus(_ order: UnsafeMutableBufferPointer<Int32>, _ count: Int, by p: UnsafeMutableBufferPointer<Float>, reaching target: Float) -> Int {
        guard count > 1 else { return count }
        func siftDown(_ start: Int, _ end: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1
                guard left < end else { return }
                var best = left
                if left + 1 < end && Self.ranks(order[left + 1], before: order[left], p) { best = left + 1 }
                guard Self.ranks(order[best], before: order[parent], p) else { return }
                order.swapAt(best, parent)
                parent = best
            }
        }
        for start in stride(from: count / 2 - 1, through: 0, by: -1) { siftDown(start, count) }
        var end = count
        var cumulative: Float = 0
        while end > 0 {
            order.swapAt(0, end - 1)  // the best of the heap goes to its end
            end -= 1
            siftDown(0, end)
            cumulative += p[Int(order[end])]
            if cumulative >= target { break }
        }
        let kept = count - end
        // order[end..<count] holds the kept tokens, best last: reverse the whole range to put them first
        var a = 0
        var b = count - 1
        while a < b {
            order.swapAt(a, b)
            a += 1
            b -= 1
        }
        return kept
    }
}

/// xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64: a small, fast,
/// reproducible generator for sampling.
package struct Xoshiro256: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose whole sequence follows from `seed`.
    package init(seed: UInt64) {
        var mix = SplitMix64(seed: seed)
        self.state = (mix.next(), mix.next(), mix.next(), mix.next())
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
