#if canImport(Glibc)
import Glibc
#endif

import Basics
import TestSupport

/// A real `seam-engine serve` process on a socket in a fresh temporary directory. Stopped with
/// SIGTERM (and waited for) on deinit if the test did not stop it. It blocks (curl, waitpid,
/// sleeps between probes): use it from `.dedicatedThreads` tests only.
final class EngineTestProcess {
    let directory: TemporaryDirectory
    let socketPath: String
    let logPath: String
    let pid: pid_t
    private var exitStatus: Int32?

    /// Starts the engine on `model` and waits until its socket answers.
    init(model: String = RepositoryLayout.tinyModel, arguments: [String] = [], environment: [String: String]? = nil) throws {
        self.directory = try TemporaryDirectory("e2e")
        self.socketPath = self.directory.appending("engine.sock")
        self.logPath = self.directory.appending("engine.log")
        let engine = RepositoryLayout.product("seam-engine")
        guard FileSystem.exists(engine) else {
            throw SystemError("\(engine) is missing: run 'swift build' first", code: ENOENT)
        }
        self.pid = try Subprocess.spawnDetached(
            engine,
            ["serve", "--model", model, "--socket", self.socketPath] + arguments,
            logPath: self.logPath,
            environment: environment
        )
        // Ready once /health answers 200 (503 while the model loads), or failed when it exited.
        let answered = Blocking.waitUntil(timeout: .seconds(60), every: .milliseconds(50)) {
            if let status = Subprocess.exitStatusIfFinished(self.pid) {
                self.exitStatus = status
                return true
            }
            let probe = try? Subprocess.run(
                "curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket", self.socketPath, "http://localhost/health"])
            return probe?.output == "200"
        }
        if let status = self.exitStatus {
            throw SystemError("seam-engine exited with \(status): \(self.log)", code: ECHILD)
        }
        guard answered else {
            throw SystemError("seam-engine did not answer within 60 s: \(self.log)", code: ETIMEDOUT)
        }
    }

    deinit {
        _ = self.stop()
    }

    /// The engine's output so far.
    var log: String { (try? TestFiles.readText(self.logPath)) ?? "" }

    /// Sends `signal` and waits for the engine to exit; returns the exit status. An engine still
    /// running after `timeout` is killed with SIGKILL and nil is returned.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(60)) -> Int32? {
        if let exitStatus { return exitStatus }
        kill(self.pid, signal)
        var status: Int32?
        _ = Blocking.waitUntil(timeout: timeout, every: .milliseconds(10)) {
            status = Subprocess.exitStatusIfFinished(self.pid)
            return status != nil
        }
        guard let status else {
            kill(self.pid, SIGKILL)
            self.exitStatus = Subprocess.wait(self.pid)
            return nil
        }
        self.exitStatus = status
        return status
    }

    /// Runs curl against the engine's socket: `curl -s --unix-socket SOCKET ARGS…`.
    func curl(_ arguments: [String]) throws -> Subprocess.Result {
        guard Subprocess.locate("curl") != nil else {
            throw SystemError("curl is needed for the engine end-to-end tests: apt-get install curl", code: ENOENT)
        }
        return try Subprocess.run("curl", ["-s", "--max-time", "120", "--unix-socket", self.socketPath] + arguments)
    }
}
