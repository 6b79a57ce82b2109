#if canImport(Glibc)
import Glibc
#endif

import Basics
import TestSupport

/// The real `seam` binary in a tmux window against a real engine, in a sandbox of its own: a
/// scratch git repository to open, and HOME and the XDG directories (config, data, state,
/// runtime) inside a temporary directory so nothing touches the user's files or engine.
///
/// `seam` starts `seam-engine` on the bundled checkpoint on a per-test socket; that engine keeps
/// running after `seam` quits (it is meant to serve other clients), so `stopEngine` (called on
/// deinit too) finds it by its socket path and stops it.
final class WorkbenchTerminal {
    let sandbox: TemporaryDirectory
    let repository: ScratchGitRepository
    let tmux: TmuxSession
    let socketPath: String
    let environment: [String: String]

    /// Creates the sandbox and the tmux window (a shell, not seam yet).
    init(width: Int = 160, height: Int = 48, prepare: (ScratchGitRepository) throws -> Void = WorkbenchTerminal.sampleRepository) throws {
        let seam = RepositoryLayout.product("seam")
        let engine = RepositoryLayout.product("seam-engine")
        for product in [seam, engine] where !FileSystem.exists(product) {
            throw SystemError("\(product) is missing: run 'swift build' first", code: ENOENT)
        }
        self.sandbox = try TemporaryDirectory("tui")
        self.repository = try ScratchGitRepository("tui-repo")
        try prepare(self.repository)
        for directory in ["run", "home", "config", "data", "state"] {
            try FileSystem.createDirectories(self.sandbox.appending(directory), mode: 0o700)
        }
        self.socketPath = self.sandbox.appending("run/engine.sock")
        // Short answers keep the chat tests quick on a loaded machine (the tiny model's answers
        // are gibberish whatever their length). Greedy answers make them the same on every run:
        // sampled ones end at once (an end-of-sentence token first) about once in a hundred.
        try self.sandbox.write("config/seam/config.toml", "max_answer_tokens = 24\ntemperature = 0\n")
        self.environment = [
            "HOME": self.sandbox.appending("home"),
            "XDG_RUNTIME_DIR": self.sandbox.appending("run"),
            "XDG_CONFIG_HOME": self.sandbox.appending("config"),
            "XDG_DATA_HOME": self.sandbox.appending("data"),
            "XDG_STATE_HOME": self.sandbox.appending("state"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        ]
        self.tmux = try TmuxSession(width: width, height: height, directory: self.repository.path, environment: self.environment)
    }

    deinit {
        if (try? self.tmux.isAlternateScreenOn()) == true { try? self.tmux.send("C-c") }
        self.stopEngine()
    }

    /// A small JavaScript project with a README, a nested directory and a modified file.
    static func sampleRepository(_ repository: ScratchGitRepository) throws {
        try repository.write("README.md", "# Sample\n\nA project for the workbench tests.\n")
        try repository.write("src/app.js", "import { greet } from './lib/greet.js'\n\nconsole.log(greet('world'))\n")
        try repository.write("src/lib/greet.js", "export function greet(name) {\n  return `hello ${name}`\n}\n")
        try repository.write("package.json", "{\n  \"name\": \"sample\",\n  \"version\": \"1.0.0\"\n}\n")
        try repository.write(".gitignore", "dist/\n")
        try repository.git("add", "-A")
        try repository.git("commit", "-q", "-m", "initial")
        try repository.write("src/app.js", "import { greet } from './lib/greet.js'\n\nconsole.log(greet('seam'))\n")
        try repository.write("NOTES.txt", "untracked notes\n")
    }

    /// Starts `seam` in the shell with `arguments` (and extra `environment`) and waits until the
    /// engine is ready.
    func launch(_ arguments: [String] = [], environment: [String: String] = [:]) throws {
        let assignments = environment.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)' " }.joined()
        let command = assignments + ([RepositoryLayout.product("seam"), ".", "--engine", "unix:" + self.socketPath] + arguments)
            .map { "'" + $0 + "'" }.joined(separator: " ")
        try self.tmux.run(command)
        try self.tmux.waitFor(timeout: .seconds(90), "the engine to be ready") { $0.contains("engine ● deepseek-v4-tiny") }
    }

    /// The engine processes serving this test's socket.
    var engines: [ProcessTable.Entry] {
        ProcessTable.processes(withArgument: self.socketPath).filter { $0.commandLine.first?.hasSuffix("seam-engine") == true }
    }

    /// Stops the engine `seam` started; returns how many there were.
    @discardableResult
    func stopEngine() -> Int {
        let engines = self.engines
        for engine in engines { ProcessTable.terminate(engine.pid) }
        return engines.count
    }
}
