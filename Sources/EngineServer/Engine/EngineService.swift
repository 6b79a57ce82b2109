import Basics
import ChatFormat
import EngineProtocol
import Inference
import Tokenization

/// What the routes need once the model is loaded: the tokenizer and facts about the weights.
package struct EngineRuntime: Sendable {
    package var tokenizer: Tokenizer
    package var facts: ModelFacts

    package init(tokenizer: Tokenizer, facts: ModelFacts) {
        self.tokenizer = tokenizer
        self.facts = facts
    }
}

/// The engine as the routes see it: the model's identity, its load state, and (once loaded)
/// the scheduler and tokenizer that generations go through.
package final class EngineService: Sendable {
    /// Where loading stands.
    package enum LoadState: Sendable, Hashable {
        case loading(progress: Double)
        case ready
        case failed(String)
    }

    /// The model being served.
    package let model: ModelDescriptor
    /// Runs generations; nil for a server that only answers health and models.
    package let scheduler: InferenceScheduler?
    /// Where sessions are saved and restored from.
    package let sessionDirectory: String
    private let fixedState: LockedBox<LoadState>
    private let runtimeBox = LockedBox<EngineRuntime?>(nil)
    /// Generations in progress by completion id, and whether a client cancelled them.
    private let requests = LockedBox<[String: (control: GenerationControl, cancelled: Bool)]>([:])

    /// The notice `/health` gives for the bundled checkpoint.
    package static let bundledModelNotice =
        "the bundled deepseek-v4-tiny is a tiny random-weight model for demonstration and tests: its output is gibberish; point --model at a real DeepSeek-V4 checkpoint for real use"

    /// A service without a scheduler (health and models only), in a fixed state.
    package init(model: ModelDescriptor, state: LoadState = .loading(progress: 0)) {
        self.model = model
        self.scheduler = nil
        self.sessionDirectory = Paths().dataDirectory + "/sessions"
        self.fixedState = LockedBox(state)
    }

    /// A service generating through `scheduler`; ready once the scheduler is and the runtime set.
    package init(model: ModelDescriptor, scheduler: InferenceScheduler, sessionDirectory: String) {
        self.model = model
        self.scheduler = scheduler
        self.sessionDirectory = sessionDirectory
        self.fixedState = LockedBox(.loading(progress: 0))
    }

    /// The current load state.
    package var loadState: LoadState {
        guard let scheduler = self.scheduler else { return self.fixedState.value }
        switch scheduler.state {
        case .notStarted, .loading: return .loading(progress: min(0.99, scheduler.loadingProgress))
        case .ready: return self.runtimeBox.value == nil ? .loading(progress: 0.99) : .ready
        case .failed(let message): return .failed(message)
        case .stopped: return .failed("the engine is shutting down")
        }
    }

    /// Sets the fixed state of a service without a scheduler.
    package func setLoadState(_ state: LoadState) {
        self.fixedState.withLock { $0 = state }
    }

    /// Publishes the tokenizer and weight facts (called by the model loader).
    package func setRuntime(_ runtime: EngineRuntime) {
        self.runtimeBox.withLock { $0 = runtime }
    }

    /// The runtime once loaded.
    package var runtime: EngineRuntime? { self.runtimeBox.value }

    /// The scheduler and runtime, or the 503 that says why generation is unavailable.
    package func requireReady() throws(ResponseError) -> (InferenceScheduler, EngineRuntime) {
        switch self.loadState {
        case .ready: break
        case .loading: throw .unavailable("the model is still loading; retry when /health says ok", code: "model_loading")
        case .failed(let message): throw .unavailable("the model is not available: \(message)", code: "model_unavailable")
        }
        guard let scheduler = self.scheduler, let runtime = self.runtime else {
            throw .unavailable("this server has no model loaded", code: "model_unavailable")
        }
        return (scheduler, runtime)
    }

    /// Records a generation in progress under its completion id.
    package func register(_ id: String, _ control: GenerationControl) {
        self.requests.withLock { $0[id] = (control, false) }
    }

    /// Forgets a finished generation; returns whether a client cancelled it.
    @discardableResult
    package func unregister(_ id: String) -> Bool {
        self.requests.withLock { $0.removeValue(forKey: id)?.cancelled ?? false }
    }

    /// Cancels generation `id` (`POST /v1/engine/requests/{id}/cancel`); false when unknown.
    package func cancel(_ id: String) -> Bool {
        let control: GenerationControl? = self.requests.withLock { requests in
            guard let entry = requests[id] else { return nil }
            requests[id] = (entry.control, true)
            return entry.control
        }
        control?.cancel()
        return control != nil
    }

    /// True when a client cancelled generation `id`.
    package func wasCancelled(_ id: String) -> Bool {
        self.requests.withLock { $0[id]?.cancelled ?? false }
    }

    /// The `/health` answer and its status (503 unless ready).
    package func health() -> (HealthStatus, HTTPStatus) {
        var health = HealthStatus(
            status: .ok,
            model: self.model.id,
            modelDirectory: self.model.directory,
            bundledTinyModel: self.model.isBundledTinyModel,
            notice: self.model.isBundledTinyModel ? Self.bundledModelNotice : nil,
            maxContext: self.model.maxContext,
            version: EngineVersion.current
        )
        switch self.loadState {
        case .ready:
            return (health, .ok)
        case .loading(let progress):
            health.status = .loading
            health.loadingProgress = progress
            return (health, .serviceUnavailable)
        case .failed(let message):
            health.status = .error
            health.message = message
            return (health, .serviceUnavailable)
        }
    }

    /// The `/v1/models` answer.
    package func models() -> ModelList {
        ModelList(data: [
            ModelInfo(id: self.model.id, created: self.model.created, ownedBy: "seam", maxModelLen: self.model.maxContext)
        ])
    }

    /// Checks a request's `model` field: absent or this model's id; 404 otherwise.
    package func checkModel(_ requested: String?) throws(ResponseError) {
        guard let requested, requested != self.model.id else { return }
        throw .notFound(
            "The model `\(requested)` does not exist; this engine serves `\(self.model.id)`",
            param: "model",
            code: "model_not_found"
        )
    }
}

/// The engine's version string.
package enum EngineVersion {
    package static let current = "0.1.0"
}
