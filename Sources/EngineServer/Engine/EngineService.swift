import Basics
import EngineProtocol

/// The engine as the routes see it: the model's identity and load state.
package final class EngineService: Sendable {
    /// Where loading stands.
    package enum LoadState: Sendable, Hashable {
        case loading(progress: Double)
        case ready
        case failed(String)
    }

    /// The model being served.
    package let model: ModelDescriptor
    private let state: LockedBox<LoadState>

    /// The notice `/health` gives for the bundled checkpoint.
    package static let bundledModelNotice =
        "the bundled deepseek-v4-tiny is a tiny random-weight model for demonstration and tests: its output is gibberish; point --model at a real DeepSeek-V4 checkpoint for real use"

    package init(model: ModelDescriptor, state: LoadState = .loading(progress: 0)) {
        self.model = model
        self.state = LockedBox(state)
    }

    /// The current load state.
    package var loadState: LoadState { self.state.value }

    /// Records loading progress or its end.
    package func setLoadState(_ state: LoadState) {
        self.state.withLock { $0 = state }
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
}

/// The engine's version string.
package enum EngineVersion {
    package static let current = "0.1.0"
}
