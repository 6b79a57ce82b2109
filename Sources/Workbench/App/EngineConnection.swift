/// What the workbench knows about its engine, for the status bar and the memory pane.
package enum EngineConnection: Hashable, Sendable {
    /// Not asked yet.
    case idle
    /// Connecting, starting or loading; the text says which.
    case connecting(String)
    /// The engine answers.
    case ready(EngineInfo)
    /// The engine could not be reached or started; the text says why.
    case failed(String)

    /// The engine's description when ready.
    package var info: EngineInfo? {
        if case .ready(let info) = self { return info }
        return nil
    }
}

/// A ready engine: what it serves and where.
package struct EngineInfo: Hashable, Sendable {
    /// The model id requests use.
    package var model: String
    /// Where it answers (`unix:/run/…/engine.sock`, `https://…`).
    package var endpoint: String
    /// True for the bundled tiny random-weight checkpoint (its answers are gibberish).
    package var isBundledDemo: Bool
    /// The engine's own sentence about the model, if any.
    package var notice: String?
    /// The longest context it accepts, in tokens, when it says.
    package var maxContext: Int?
    /// The process id when this workbench started the engine (it keeps running after quit).
    package var startedProcess: Int32?

    package init(
        model: String, endpoint: String, isBundledDemo: Bool, notice: String? = nil, maxContext: Int? = nil,
        startedProcess: Int32? = nil
    ) {
        self.model = model
        self.endpoint = endpoint
        self.isBundledDemo = isBundledDemo
        self.notice = notice
        self.maxContext = maxContext
        self.startedProcess = startedProcess
    }
}
