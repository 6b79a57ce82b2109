#if canImport(Glibc)
import Glibc
#endif

import Basics
import EngineClient
import EngineProtocol
import Synchronization
import TestSupport
import Testing

/// Collects launcher progress reports.
private final class ProgressLog: Sendable {
    let reports = LockedBox<[EngineLauncher.Progress]>([])

    func record(_ progress: EngineLauncher.Progress) {
        self.reports.withLock { $0.append(progress) }
    }

    var startedPID: Int32? {
        for report in self.reports.value {
            if case .started(let pid) = report { return pid }
        }
        return nil
    }
}

@Suite("Engine launcher")
struct EngineLauncherTests {
    @Test("starts the real engine when nothing answers, then reuses the running one")
    func startsAndReuses() async throws {
        let directory = try TemporaryDirectory("launch")
        let launcher = EngineLauncher(
            socketPath: directory.appending("run/engine.sock"),
            modelDirectory: RepositoryLayout.tinyModel,
            enginePath: RepositoryLayout.product("seam-engine"),
            logPath: directory.appending("run/engine.log"),
            startupTimeout: .seconds(60)
        )
        let log = ProgressLog()
        let (client, health) = try await launcher.connect(progress: log.record)
        let pid = try #require(log.startedPID)
        defer {
            kill(pid, SIGTERM)
            _ = Subprocess.wait(pid)
        }
        #expect(health.status == .ok)
        #expect(health.model == "deepseek-v4-tiny")
        #expect(health.bundledTinyModel == true)
        #expect(try await client.models().data.first?.id == "deepseek-v4-tiny")

        let second = ProgressLog()
        _ = try await launcher.connect(progress: second.record)
        #expect(second.startedPID == nil)

        kill(pid, SIGTERM)
        #expect(Subprocess.wait(pid) == 0)
        #expect(!FileSystem.exists(directory.appending("run/engine.sock")))
    }

    @Test("an engine that cannot start reports its error line")
    func reportsFailure() async throws {
        let directory = try TemporaryDirectory("launch")
        let launcher = EngineLauncher(
            socketPath: directory.appending("engine.sock"),
            modelDirectory: directory.appending("no-model"),
            enginePath: RepositoryLayout.product("seam-engine"),
            logPath: directory.appending("engine.log"),
            startupTimeout: .seconds(30)
        )
        do {
            _ = try await launcher.connect()
            Issue.record("expected the launch to fail")
        } catch let error as EngineClientError {
            #expect(error.code == .engineFailedToStart)
            #expect(error.message.contains("does not exist"))
        }
    }
}
