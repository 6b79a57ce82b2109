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

@Suite("Engine launcher", .dedicatedThreads)
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

    /// Regression: a wait whose task was woken only after its deadline (two blocking tests held
    /// the cooperative pool for minutes) reported "did not become ready … (no answer yet)" for an
    /// engine that had been ready in milliseconds. Here the engine starts a second late (a script
    /// sleeps, then execs the real binary), so the first probe finds nothing; the sleep between
    /// probes is far longer than the timeout, so the next probe comes well after the deadline.
    @Test("an engine that became ready while the wait overslept its deadline is found, not timed out")
    func oversleptDeadline() async throws {
        let directory = try TemporaryDirectory("launch")
        let slowStart = try directory.write(
            "slow-engine", "#!/bin/sh\nsleep 1\nexec '\(RepositoryLayout.product("seam-engine"))' \"$@\"\n")
        #expect(chmod(slowStart, 0o755) == 0)
        let launcher = EngineLauncher(
            socketPath: directory.appending("engine.sock"),
            modelDirectory: RepositoryLayout.tinyModel,
            enginePath: slowStart,
            logPath: directory.appending("engine.log"),
            startupTimeout: .milliseconds(1),
            pollInterval: .seconds(5)
        )
        let log = ProgressLog()
        let started = ContinuousClock.now
        let connected: (EngineClient, HealthStatus)
        do {
            connected = try await launcher.connect(progress: log.record)
        } catch {
            if let pid = log.startedPID {
                kill(pid, SIGTERM)
                _ = Subprocess.wait(pid)
            }
            throw error
        }
        let elapsed = started.duration(to: .now)
        let pid = try #require(log.startedPID)
        defer {
            kill(pid, SIGTERM)
            _ = Subprocess.wait(pid)
        }
        // The first probe found nothing listening: the wait slept past its deadline before the
        // probe that found the engine ready.
        #expect(elapsed >= .seconds(5))
        #expect(connected.1.status == .ok)
        #expect(try await connected.0.models().data.first?.id == "deepseek-v4-tiny")
    }
}
