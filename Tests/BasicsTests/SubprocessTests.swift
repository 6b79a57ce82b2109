import Basics
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("subprocesses")
struct SubprocessTests {
    @Test("collects output, error output and the exit status")
    func collectsOutput() throws {
        let result = try Subprocess.run("sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(result.output == "out\n")
        #expect(result.errorOutput == "err\n")
        #expect(result.status == 3)
    }

    @Test("feeds standard input and survives output larger than a pipe buffer")
    func largeInputAndOutput() throws {
        let input = Array(repeating: UInt8(ascii: "x"), count: 300_000)
        let result = try Subprocess.run("cat", [], input: input)
        #expect(result.standardOutput.count == 300_000)
        #expect(result.succeeded)
    }

    @Test("runs in the given directory and reports a missing program")
    func directoryAndMissingProgram() throws {
        let result = try Subprocess.run("pwd", [], directory: "/usr")
        #expect(result.output == "/usr\n")
        #expect(throws: SystemError.self) { try Subprocess.run("seam-no-such-program", []) }
    }
}

@Suite("subprocess hygiene")
struct SubprocessHygieneTests {
    /// Regression: children inherited the blocked signal mask of Swift's worker threads, so a
    /// tmux server started by a test ignored `kill-server`.
    @Test("children start with an empty signal mask")
    func emptySignalMask() throws {
        // Block SIGHUP and SIGTERM in this thread, as Swift's worker threads may, then spawn.
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGHUP)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let result = try Subprocess.run("sh", ["-c", "grep SigBlk /proc/self/status"])
        #expect(result.output.trimmingSuffix == "SigBlk:\t0000000000000000")
    }

    /// Regression: the original pipe descriptors leaked into the child, so `run` waited forever
    /// for a daemon the child forked.
    @Test("the child inherits only standard input, output and error")
    func onlyStandardDescriptors() throws {
        let result = try Subprocess.run("sh", ["-c", "ls /proc/$$/fd"])
        let descriptors = result.output.split(separator: "\n").compactMap { Int($0) }.sorted()
        #expect(descriptors == [0, 1, 2])
    }
}

extension String {
    fileprivate var trimmingSuffix: String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
