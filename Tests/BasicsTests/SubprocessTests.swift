import Basics
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("subprocesses", .dedicatedThreads)
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

    @Test("a program run on the terminal reports its exit status, or 128 + the signal that ended it")
    func runInTerminal() throws {
        #expect(try Subprocess.runInTerminal("sh", ["-c", "exit 3"]) == 3)
        #expect(try Subprocess.runInTerminal("sh", ["-c", "kill -TERM $$"]) == 128 + SIGTERM)
        #expect(throws: SystemError.self) { try Subprocess.runInTerminal("seam-no-such-program", []) }
    }
}

@Suite("subprocess hygiene", .dedicatedThreads)
struct SubprocessHygieneTests {
    /// Regression: children inherited ignored signal dispositions (the TUI ignores SIGINT and
    /// SIGTERM to read them through dispatch sources), so a tmux server started from the
    /// process ignored `kill-server` and its shells ignored SIGHUP.
    @Test("children start with default signal dispositions and an empty mask")
    func defaultSignalDispositions() throws {
        let previous = signal(SIGUSR2, SIG_IGN)
        defer { signal(SIGUSR2, previous) }
        let result = try Subprocess.run("sh", ["-c", "grep -E 'SigIgn|SigBlk' /proc/self/status"])
        var fields: [String: UInt64] = [:]
        for line in result.output.split(separator: "\n") {
            let parts = line.split(separator: ":")
            if parts.count == 2, let value = UInt64(parts[1].filter { !$0.isWhitespace }, radix: 16) {
                fields[String(parts[0])] = value
            }
        }
        let usr2Bit: UInt64 = 1 << (UInt64(SIGUSR2) - 1)
        #expect(fields["SigIgn"].map { $0 & usr2Bit } == 0)
        #expect(fields["SigBlk"] == 0)
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
