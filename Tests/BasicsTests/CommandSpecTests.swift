import Basics
import Testing

@Suite("command-line parsing")
struct CommandSpecTests {
    private let spec = CommandSpec(
        name: "seam-engine serve",
        abstract: "serve a model",
        usage: "--model DIR [--socket PATH] [--threads N]",
        options: [
            .init("model", short: "m", value: "DIR", help: "checkpoint directory"),
            .init("socket", value: "PATH", help: "socket path"),
            .init("threads", value: "N", help: "threads"),
            .init("json", help: "print JSON"),
        ],
        positionals: [("PATH", "a path")]
    )

    @Test("reads options in both spellings, flags and positionals")
    func parsesEverything() throws {
        let parsed = try self.spec.parse(["--model", "/m", "--socket=/s", "--json", "here"])
        #expect(parsed.value("model") == "/m")
        #expect(parsed.value("socket") == "/s")
        #expect(parsed.flag("json"))
        #expect(parsed.positionals == ["here"])
        let short = try self.spec.parse(["-m", "/n"])
        #expect(short.value("model") == "/n")
    }

    @Test("rejects unknown options, missing values and repeated options with one line")
    func rejectsBadInput() {
        #expect(throws: UsageError.self) { try self.spec.parse(["--nope"]) }
        #expect(throws: UsageError.self) { try self.spec.parse(["--model"]) }
        #expect(throws: UsageError.self) { try self.spec.parse(["--model", "a", "--model", "b"]) }
        #expect(throws: UsageError.self) { try self.spec.parse(["--json=1"]) }
        #expect(throws: UsageError.self) { try self.spec.parse(["one", "two"]) }
        do {
            _ = try self.spec.parse(["--threads", "x"]).integer("threads", in: 1...64)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("--threads must be an integer"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("help lists every option")
    func helpListsOptions() throws {
        let parsed = try self.spec.parse(["--help"])
        #expect(parsed.helpRequested)
        for name in ["--model DIR", "--socket PATH", "--threads N", "--json", "--help"] {
            #expect(self.spec.helpText.contains(name))
        }
    }

    @Test("a required option that is missing names itself")
    func requiredOption() throws {
        let parsed = try self.spec.parse([])
        #expect(throws: UsageError.self) { try parsed.required("model", "DIR") }
    }
}
