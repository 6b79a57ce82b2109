import Basics
import TestSupport
import Testing

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
}
