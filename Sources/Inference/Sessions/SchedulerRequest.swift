import Synchronization

/// One generation the scheduler runs: a prompt, limits and a sampler in; events out through
/// `sink`; `control` cancels it from any thread.
package struct SchedulerRequest: Sendable {
    /// The prompt's token ids.
    package var prompt: [Int]
    /// The most tokens to generate.
    package var maxTokens: Int
    /// Tokens that end the generation (the end-of-sequence token); they are reported with the
    /// `.stop` finish and not as text.
    package var stopTokens: Set<Int>
    /// Picks each token.
    package var sampler: any TokenSampler
    /// Receives the events, on the inference thread; must not block.
    package var sink: any SchedulerSink
    /// Cancels the request.
    package var control: GenerationControl

    package init(
        prompt: [Int],
        maxTokens: Int,
        stopTokens: Set<Int>,
        sampler: any TokenSampler,
        sink: any SchedulerSink,
        control: GenerationControl = GenerationControl()
    ) {
        self.prompt = prompt
        self.maxTokens = maxTokens
        self.stopTokens = stopTokens
        self.sampler = sampler
        self.sink = sink
        self.control = control
    }
}

/// What happens to a generation, in order: `started` once, `token` per generated token, then
/// exactly one of `finished` or `failed`.
package enum SchedulerEvent: Sendable, Hashable {
    /// The prompt is in the cache: how many of its tokens were reused and how many computed.
    case started(promptTokens: Int, reusedTokens: Int)
    /// A generated token (never a stop token).
    case token(Int)
    /// The generation ended.
    case finished(SchedulerFinish, generatedTokens: Int)
    /// The model failed; nothing more follows.
    case failed(String)
}

/// Why a generation ended.
package enum SchedulerFinish: Sendable, Hashable {
    /// A stop token was sampled.
    case stopToken
    /// `maxTokens` were generated.
    case length
    /// The context is full.
    case contextFull
    /// `GenerationControl.cancel()` was called (client gone, stop string matched, shutdown).
    case cancelled
}

/// Receives a generation's events on the inference thread. Implementations queue them and wake
/// the consumer; they never block.
package protocol SchedulerSink: Sendable {
    func receive(_ event: SchedulerEvent)
}

/// Cancels a generation from any thread; the scheduler checks it before every step, so at most
/// one more token is computed after `cancel()`.
package final class GenerationControl: Sendable {
    private let cancelled = Atomic<Bool>(false)

    package init() {}

    /// Asks the scheduler to stop this generation.
    package func cancel() {
        self.cancelled.store(true, ordering: .releasing)
    }

    /// True once `cancel()` was called.
    package var isCancelled: Bool { self.cancelled.load(ordering: .acquiring) }
}
