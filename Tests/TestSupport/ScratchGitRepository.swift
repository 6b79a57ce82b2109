import Basics

/// A git repository in a fresh temporary directory, driven by the real `git` with a clean
/// configuration (no user or system config, fixed identity), for tests of code that reads diffs,
/// status or history.
public final class ScratchGitRepository: Sendable {
    /// The temporary directory holding the work tree (removed with this value).
    public let directory: TemporaryDirectory
    /// The work tree's absolute path.
    public var path: String { self.directory.path }

    /// `git init` in a new temporary directory. Fails with an install hint when git is missing.
    public init(_ label: String = "git") throws {
        self.directory = try TemporaryDirectory(label)
        try self.git("init", "-q", "-b", "main")
    }

    /// The environment every git call gets: no global or system config, a fixed identity and
    /// dates, no pager, no colour.
    public static var environment: [String: String] {
        var environment = ProcessEnvironment.current
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_AUTHOR_NAME"] = "Seam Test"
        environment["GIT_AUTHOR_EMAIL"] = "test@seam.invalid"
        environment["GIT_COMMITTER_NAME"] = "Seam Test"
        environment["GIT_COMMITTER_EMAIL"] = "test@seam.invalid"
        environment["GIT_AUTHOR_DATE"] = "2024-01-01T00:00:00Z"
        environment["GIT_COMMITTER_DATE"] = "2024-01-01T00:00:00Z"
        environment["GIT_PAGER"] = "cat"
        environment["LC_ALL"] = "C"
        return environment
    }

    /// Runs `git ARGUMENTS` in the work tree and returns its standard output; throws with git's
    /// standard error when it fails.
    @discardableResult
    public func git(_ arguments: String...) throws -> String {
        try self.git(arguments)
    }

    /// Runs `git ARGUMENTS` in the work tree and returns its standard output bytes.
    @discardableResult
    public func git(_ arguments: [String], input: [UInt8] = []) throws -> String {
        String(decoding: try self.gitBytes(arguments, input: input), as: UTF8.self)
    }

    /// Runs `git ARGUMENTS` in the work tree and returns its standard output, byte for byte.
    public func gitBytes(_ arguments: [String], input: [UInt8] = []) throws -> [UInt8] {
        let result = try Self.run(arguments, in: self.path, input: input)
        guard result.succeeded else {
            throw GitCommandError(arguments: arguments, status: result.status, message: result.errorOutput)
        }
        return result.standardOutput
    }

    /// Runs git in `directory` without checking the status.
    public static func run(_ arguments: [String], in directory: String, input: [UInt8] = []) throws -> Subprocess.Result
    {
        guard Subprocess.locate("git") != nil else {
            throw GitCommandError(
                arguments: arguments, status: -1, message: "git is not installed: apt-get install -y git")
        }
        return try Subprocess.run("git", arguments, directory: directory, environment: self.environment, input: input)
    }

    /// Writes `contents` to `relative` in the work tree, creating parent directories.
    @discardableResult
    public func write(_ relative: String, _ contents: String) throws -> String {
        try self.directory.write(relative, contents)
    }

    /// Writes raw bytes to `relative` in the work tree.
    @discardableResult
    public func write(_ relative: String, bytes: [UInt8]) throws -> String {
        try self.directory.write(relative, bytes: bytes)
    }

    /// The bytes of `relative` in the work tree.
    public func read(_ relative: String) throws -> [UInt8] {
        try TestFiles.read(self.directory.appending(relative))
    }

    /// `git add -A && git commit -m MESSAGE`.
    public func commitAll(_ message: String) throws {
        try self.git("add", "-A")
        try self.git("commit", "-q", "-m", message)
    }
}

/// A git command that failed in a test.
public struct GitCommandError: Error, CustomStringConvertible {
    public var arguments: [String]
    public var status: Int32
    public var message: String

    public var description: String {
        "git \(self.arguments.joined(separator: " ")) failed (\(self.status)): \(self.message)"
    }
}
