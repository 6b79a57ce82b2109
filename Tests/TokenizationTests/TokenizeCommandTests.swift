import Basics
import TestSupport
import Testing

/// `seam-engine tokenize`, run as a real process.
@Suite("seam-engine tokenize", .dedicatedThreads)
struct TokenizeCommandTests {
    private func run(_ arguments: [String]) throws -> Subprocess.Result {
        let engine = RepositoryLayout.product("seam-engine")
        guard FileSystem.exists(engine) else {
            Issue.record("seam-engine is not built at \(engine); run `swift build` first")
            throw SystemError("missing \(engine)")
        }
        return try Subprocess.run(engine, ["tokenize"] + arguments)
    }

    @Test("--cases passes on the fixture cases and reports the count")
    func casesPass() throws {
        let result = try self.run(["--model", RepositoryLayout.tinyModel, "--cases", RepositoryLayout.fixture("tokenizer/cases.jsonl")])
        #expect(result.status == 0)
        #expect(result.output == "159 of 159 cases match\n")
    }

    @Test("--cases exits 1 and prints the text, expected and got ids of a mismatch")
    func casesMismatch() throws {
        let directory = try TemporaryDirectory("tokcmd")
        let path = try directory.write(
            "cases.jsonl", "{\"text\": \"a\", \"ids\": [67]}\n\n{\"text\": \"Hello\\n\", \"ids\": [42, 350, 1]}\n")
        let result = try self.run(["--model", RepositoryLayout.tinyModel, "--cases", path])
        #expect(result.status == 1)
        #expect(result.output.contains("mismatch at \(path):3 (first difference at index 2)"))
        #expect(result.output.contains("text:     \"Hello\\n\""))
        #expect(result.output.contains("expected: [42, 350, 1]"))
        #expect(result.output.contains("got:      [42, 350, 329, 201]"))
        #expect(result.output.hasSuffix("1 of 2 cases match\n"))
    }

    @Test("--text prints the ids")
    func text() throws {
        let result = try self.run(["--model", RepositoryLayout.tinyModel, "--text", "Hello, world!"])
        #expect(result.status == 0)
        #expect(result.output == "[42, 350, 329, 14, 323, 272, 1142, 3]\n")
    }

    @Test("a malformed cases file is one line naming the file and line")
    func malformedCases() throws {
        let directory = try TemporaryDirectory("tokcmd")
        let path = try directory.write("cases.jsonl", "{\"text\": \"a\", \"ids\": [67]}\n{\"text\": 5}\n")
        let result = try self.run(["--model", RepositoryLayout.tinyModel, "--cases", path])
        #expect(result.status == 1)
        #expect(result.errorOutput == "seam-engine tokenize: \(path):2: expected {\"text\": string, \"ids\": [integers]}\n")
    }

    @Test("a bad model directory is one line naming the missing file")
    func badModel() throws {
        let directory = try TemporaryDirectory("tokcmd")
        let result = try self.run(["--model", directory.path, "--text", "x"])
        #expect(result.status == 1)
        #expect(result.errorOutput == "seam-engine tokenize: cannot read \(directory.path)/tokenizer.json: no such file\n")
    }

    @Test("a corrupt tokenizer.json is one line naming the file and the problem")
    func corruptTokenizer() throws {
        let directory = try TemporaryDirectory("tokcmd")
        try directory.write("tokenizer.json", "{\"model\": {\"vocab\": {}, \"merges\": []}, \"added_tokens\": [}")
        let result = try self.run(["--model", directory.path, "--text", "x"])
        #expect(result.status == 1)
        #expect(result.errorOutput.hasPrefix("seam-engine tokenize: \(directory.path)/tokenizer.json is not valid JSON"))
        #expect(result.errorOutput.split(separator: "\n").count == 1)
    }

    @Test("--text and --cases together are a usage error")
    func usage() throws {
        let result = try self.run(["--model", RepositoryLayout.tinyModel, "--text", "x", "--cases", "y"])
        #expect(result.status == 2)
        #expect(result.errorOutput.contains("give only one of --text, --cases or --bench"))
    }
}
