import DeepSeekV4

/// What to generate.
package struct GenerationRequest: Sendable {
    /// The whole prompt. The cache passed to `generate` must hold a strict prefix of it (often
    /// nothing); the rest is fed as one prefill.
    package var promptTokens: [Int]
    /// Most tokens to generate.
    package var maximumTokens: Int
    /// How tokens are picked.
    package var sampling: SamplingParameters
    /// Text that ends the completion (not included in it).
    package var stopStrings: [String]
    /// Tokens that end the completion (EOS; not decoded into the text).
    package var stopTokens: Set<Int>

    /// A request; by default sampled at temperature 1 with no stops.
    package init(promptTokens: [Int], maximumTokens: Int, sampling: SamplingParameters = .init(), stopStrings: [String] = [], stopTokens: Set<Int> = []) {
        self.promptTokens = promptTokens
        self.maximumTokens = maximumTokens
        self.sampling = sampling
        self.stopStrings = stopStrings
        self.stopTokens = stopTokens
    }
}

/// Why a generation ended.
package enum FinishReason: String, Sendable, Equatable {
    /// A stop token (EOS) or stop string.
    case stop
    /// `maximumTokens` reached, or the context is full.
    case length
    /// The cancellation flag was set.
    case cancelled
}

/// One generated token and the text it made visible (possibly empty: held back for UTF-8 or a
/// possible stop string).
package struct GenerationEvent: Sendable {
    /// The token (a stop token included).
    package var token: Int
    /// Text it made visible, possibly empty.
    package var text: String
}

/// The outcome of a generation.
package struct GenerationResult: Sendable {
    /// Generated tokens, including a final stop token or the tokens of a stop string.
    package var tokens: [Int]
    /// The visible completion text (without stop token or stop string).
    package var text: String
    /// Why it ended.
    package var finishReason: FinishReason
    /// Prompt tokens fed by this call (the rest came from the cache) and all prompt tokens.
    package var prefilledTokens: Int
    /// All prompt tokens.
    package var promptTokens: Int
    /// Seconds spent on the prompt (until the first token's logits) and on decoding.
    package var prefillSeconds: Double
    /// Seconds after the first token's logits.
    package var decodeSeconds: Double
}

/// The generation loop: prefill the uncached part of the prompt, then sample, stream and feed
/// one token at a time until a stop token, a stop string, the token limit, a full context or
/// cancellation. Runs on the caller's thread (the engine's inference thread).
package final class Generator {
    /// The model it runs.
    package let model: DeepSeekV4Model
    private var logits: [Float] = []

    /// A loop for `model` (keeps one logits buffer between calls).
    package init(model: DeepSeekV4Model) {
        self.model = model
    }

    /// Generates for `request`, continuing `cache` (which ends holding the prompt and the
    /// generated tokens except the last), streaming through `decoder` and `onEvent`.
    package func generate(
        _ request: GenerationRequest, cache: SequenceCache, decoder: inout some TokenTextDecoder, cancellation: CancellationFlag? = nil,
        onEvent: (GenerationEvent) -> Void = { _ in }
    ) throws -> GenerationResult {
        if let problem = request.sampling.problem { throw ModelError(.invalidArgument, problem) }
        let prompt = request.promptTokens
        guard cache.tokenCount < prompt.count, cache.tokens.elementsEqual(prompt[..<cache.tokenCount]) else {
            throw ModelError(.invalidArgument, "the cache must hold a strict prefix of the prompt (\(cache.tokenCount) cached, \(prompt.count) in the prompt)")
        }
        var sampler = Sampler(parameters: request.sampling)
        var filter = StopSequenceFilter(stopStrings: request.stopStrings)
        let prefilled = prompt.count - cache.tokenCount
        let started = monotonicSeconds()
        try self.model.forward(Array(prompt[cache.tokenCount...]), cache: cache, logits: &self.logits)
        let prefillSeconds = monotonicSeconds() - started
        var tokens: [Int] = []
        var text = ""
        var reason = FinishReason.length
        while tokens.count < request.maximumTokens {
            if cancellation?.isCancelled == true {
                reason = .cancelled
                break
            }
            let token = sampler.sample(self.logits)
            tokens.append(token)
            if request.stopTokens.contains(token) {
                reason = .stop
                onEvent(GenerationEvent(token: token, text: ""))
                break
            }
            let piece = filter.push(decoder.append(token))
            text += piece
            onEvent(GenerationEvent(token: token, text: piece))
            if filter.stopped {
                reason = .stop
                break
            }
            guard tokens.count < request.maximumTokens else { break }
            guard cache.tokenCount < self.model.maximumContext else { break }
            try self.model.decode(token, cache: cache, logits: &self.logits)
        }
        if reason != .stop {
            let tail = filter.push(decoder.finish()) + filter.finish()
            if !tail.isEmpty {
                text += tail
                onEvent(GenerationEvent(token: tokens.last ?? -1, text: tail))
            }
        }
        return GenerationResult(
            tokens: tokens, text: text, finishReason: reason, prefilledTokens: prefilled, promptTokens: prompt.count,
            prefillSeconds: prefillSeconds, decodeSeconds: monotonicSeconds() - started - prefillSeconds)
    }
}
