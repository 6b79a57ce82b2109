#if canImport(Glibc)
import Glibc
#endif

import Basics
import EngineClient
import EngineProtocol
import TestSupport

/// The real `seam-engine serve` on the bundled checkpoint, started through `EngineLauncher` on a
/// temporary socket; stopped with SIGTERM on deinit.
final class LaunchedEngine {
    let directory: TemporaryDirectory
    let client: EngineClient
    let health: HealthStatus
    private let pid: Int32

    init() async throws {
        self.directory = try TemporaryDirectory("eng")
        let launcher = EngineLauncher(
            socketPath: self.directory.appending("engine.sock"),
            modelDirectory: RepositoryLayout.tinyModel,
            enginePath: RepositoryLayout.product("seam-engine"),
            logPath: self.directory.appending("engine.log"),
            startupTimeout: .seconds(60),
            environment: ProcessEnvironment.current.merging(["XDG_DATA_HOME": self.directory.path]) { $1 }
        )
        let started = LockedBox<Int32?>(nil)
        (self.client, self.health) = try await launcher.connect { progress in
            if case .started(let pid) = progress { started.withLock { $0 = pid } }
        }
        guard let pid = started.value else { throw SystemError("the launcher reused an engine it should have started") }
        self.pid = pid
    }

    /// Polls the engine state until `condition` holds (for at most `timeout`); the last state.
    func state(timeout: Duration = .seconds(60), until condition: (EngineState) -> Bool) async throws -> EngineState {
        var last: EngineState?
        _ = try await Blocking.poll(timeout: timeout) {
            let state = try await self.client.engineState()
            last = state
            return condition(state)
        }
        guard let last else { throw SystemError("the engine state was never read") }
        return last
    }

    deinit {
        kill(self.pid, SIGTERM)
        _ = Subprocess.wait(self.pid)
    }
}
