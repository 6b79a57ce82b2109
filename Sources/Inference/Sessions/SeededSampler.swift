#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Greedy, temperature and top-p sampling with a seeded generator (SplitMix64), so the same
/// seed and logits give the same tokens.
///
/// Temperature 0 is greedy (ties go to the lowest id). Otherwise the logits are divided by the
/// temperature and softmaxed; with `topP < 1` the tokens are sorted by probability and the
/// smallest set whose probabilities reach `topP` is kept (Holtzman et al. 2019, "The Curious
/// Case of Neural Text Degeneration"), then one token is drawn.
package struct SeededSampler: TokenSampler {
    /// Sampling settings of one request (OpenAI's `temperature`, `top_p`, `seed`).
    package struct Settings: Sendable, Hashable {
        /// 0 picks the most likely token; higher flattens the distribution.
        package var temperature: Double
        /// Nucleus sampling: only the most likely tokens whose probabilities sum to `topP` compete.
        package var topP: Double
        /// Makes the choices reproducible; nil draws a seed from the system generator.
        package var seed: UInt64?

        package init(temperature: Double = 1, topP: Double = 1, seed: UInt64? = nil) {
            self.temperature = temperature
            self.topP = topP
            self.seed = seed
        }
    }

    package let parameters: Settings
    private var state: UInt64

    package init(_ parameters: Settings) {
        self.parameters = parameters
        var system = SystemRandomNumberGenerator()
        self.state = parameters.seed ?? system.next()
    }

    package mutating func sample(_ logits: [Float]) -> Int {
        var logits = logits
        guard !logits.isEmpty else { return 0 }
        if self.parameters.temperature <= 0 { return Self.argmax(logits) }
        let inverse = Float(1 / self.parameters.temperature)
        var maximum = -Float.infinity
        for value in logits where value > maximum { maximum = value }
        guard maximum.isFinite else { return Self.argmax(logits) }
        var total: Float = 0
        for index in logits.indices {
            let weight = expf((logits[index] - maximum) * inverse)
            logits[index] = weight
            total += weight
        }
        let draw = Float(self.nextUnit()) * total
        if self.parameters.topP >= 1 {
            var cumulative: Float = 0
            for index in logits.indices {
                cumulative += logits[index]
                if cumulative > draw { return index }
            }
            return logits.count - 1
        }
        let order = logits.indices.sorted { logits[$0] > logits[$1] || (logits[$0] == logits[$1] && $0 < $1) }
        let limit = Float(self.parameters.topP) * total
        var kept = 0
        var keptTotal: Float = 0
        for index in order {
            keptTotal += logits[index]
            kept += 1
            if keptTotal >= limit { break }
        }
        let nucleusDraw = Float(self.nextUnit()) * keptTotal
        var cumulative: Float = 0
        for index in order.prefix(kept) {
            cumulative += logits[index]
            if cumulative > nucleusDraw { return index }
        }
        return order[kept - 1]
    }

    /// A uniform draw in [0, 1).
    private mutating func nextUnit() -> Double {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = self.state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return Double(mixed >> 11) / Double(1 << 53)
    }

    private static func argmax(_ logits: [Float]) -> Int {
        var best = 0
        for index in logits.indices where logits[index] > logits[best] { best = index }
        return best
    }
}
