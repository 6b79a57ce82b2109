/// How to pick the next token from logits.
///
/// Temperature 0 (or `topK` 1) is greedy. Otherwise logits are divided by the temperature,
/// turned into probabilities, cut to the `topK` most likely (0 = no cut) and then to the
/// smallest set whose probability reaches `topP` (1 = no cut), renormalised and sampled with a
/// generator seeded by `seed` — the same seed, logits and parameters give the same tokens.
package struct SamplingParameters: Sendable, Equatable {
    /// Logits are divided by it; 0 means greedy.
    package var temperature: Double
    /// Keep the smallest set of tokens whose probability reaches it; 1 keeps all.
    package var topP: Double
    /// Keep the K most likely tokens; 0 keeps all.
    package var topK: Int
    /// Seed of the sampling generator; nil draws one from the system.
    package var seed: UInt64?

    /// DeepSeek-V4's generation_config defaults: temperature 1, top-p 1, no top-k.
    package init(temperature: Double = 1, topP: Double = 1, topK: Int = 0, seed: UInt64? = nil) {
        self.temperature = temperature
        self.topP = topP
        self.topK = topK
        self.seed = seed
    }

    /// Always the most likely token.
    package static let greedy = SamplingParameters(temperature: 0)

    /// True when sampling reduces to argmax.
    package var isGreedy: Bool { self.temperature <= 0 || self.topK == 1 }

    /// Checks the ranges (temperature ≥ 0, 0 < top-p ≤ 1, top-k ≥ 0); returns a message or nil.
    package var problem: String? {
        if !(self.temperature >= 0) || !self.temperature.isFinite { return "temperature must be a finite number ≥ 0" }
        if !(self.topP > 0 && self.topP <= 1) { return "top_p must be in (0, 1]" }
        if self.topK < 0 { return "top_k must be ≥ 0" }
        return nil
    }
}
