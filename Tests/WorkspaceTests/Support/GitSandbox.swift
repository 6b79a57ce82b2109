import Basics
import TestSupport
import Workspace

/// A temporary directory with a real git repository, isolated from the user's git config.
final class GitSandbox: @unchecked Sendable {
    // @unchecked: immutable after init; the temporary directory is only removed in deinit.
    let directory: TemporaryDirectory

    var root: String { self.directory.path }

    /// The environment every `git` in a sandbox runs with: no system or global config, fixed
    /// identity, C locale.
    static let environment: [String: String] = {
        var environment: [String: String] = [:]
        environment["PATH"] = ProcessEnvironment.current["PATH"] ?? "/usr/bin:/bin"
        environment["HOME"] = "/nonexistent-seam-test-home"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_AUTHOR_NAME"] = "Seam Test"
        environment["GIT_AUTHOR_EMAIL"] = "test@example.invalid"
        environment["GIT_COMMITTER_NAME"] = "Seam Test"
        environment["GIT_COMMITTER_EMAIL"] = "test@example.invalid"
        environment["LC_ALL"] = "C"
        return environment
    }()

    /// Creates the directory and, when `initialise`, runs `git init`.
    init(_ label: String = "ws", initialise: Bool = true) throws {
        self.directory = try TemporaryDirectory(label)
        if initialise { try self.git("init", "-q", "-b", "main") }
    }

    /// Runs git in the sandbox (or `subdirectory`), throwing with its stderr when it fails.
    @discardableResult
    func git(_ arguments: String..., in subdirectory: String = "", input: [UInt8] = []) throws -> Subprocess.Result {
        try self.git(arguments, in: subdirectory, input: input)
    }

    /// Runs git with an argument array.
    @discardableResult
    func git(_ arguments: [String], in subdirectory: String = "", input: [UInt8] = [], allowFailure: Bool = false) throws -> Subprocess.Result {
        let result: Subprocess.Result
        do {
            result = try Subprocess.run(
                "git",
                arguments,
                directory: subdirectory.isEmpty ? self.root : self.root + "/" + subdirectory,
                environment: Self.environment,
                input: input
            )
        } catch {
            throw SandboxError("git is needed by these tests: install it (apt-get install git): \(error)")
        }
        if !allowFailure && !result.succeeded {
            throw SandboxError("git \(arguments.joined(separator: " ")) failed: \(result.errorOutput)")
        }
        return result
    }

    /// Writes a file (creating directories).
    @discardableResult
    func write(_ relative: String, _ contents: String) throws -> String {
        try self.directory.write(relative, contents)
    }

    /// Writes raw bytes.
    @discardableResult
    func write(_ relative: String, bytes: [UInt8]) throws -> String {
        try self.directory.write(relative, bytes: bytes)
    }

    /// Creates a directory.
    func makeDirectory(_ relative: String) throws {
        try FileSystem.createDirectories(self.root + "/" + relative)
    }

    /// Commits everything.
    func commitAll(_ message: String = "commit") throws {
        try self.git("add", "-A")
        try self.git("commit", "-q", "-m", message)
    }

    /// Opens the sandbox (or a subdirectory) as a workspace with the sandbox's git environment.
    func workspace(_ subdirectory: String = "") throws -> Workspace {
        try Workspace(
            root: subdirectory.isEmpty ? self.root : self.root + "/" + subdirectory,
            options: .init(globalExcludes: .none, gitEnvironment: Self.environment)
        )
    }
}

/// A failure in test setup, with the reason.
struct SandboxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

