import Basics
import ChatFormat
import FoundationEssentials
import Tokenization

/// `seam-engine tokenize`: encode text, check a cases file against the tokenizer, or measure
/// encoding throughput.
let tokenizeCommand = SubcommandProgram.Subcommand(
    spec: CommandSpec(
        name: "seam-engine tokenize",
        abstract: "encode text with a checkpoint's tokenizer, or check it against expected ids",
        usage: "--model DIR (--text TEXT | --cases FILE.jsonl | --bench FILE)",
        options: [
            .init("model", value: "DIR", help: "checkpoint directory holding tokenizer.json"),
            .init("text", value: "TEXT", help: "print the token ids of TEXT"),
            .init("cases", value: "FILE", help: "check every {\"text\", \"ids\"} line; exit 1 on any mismatch"),
            .init("bench", value: "FILE", help: "measure encoding and decoding throughput on FILE"),
        ],
        discussion: "Special tokens written in the text (<｜User｜>, </think>, …) become single ids; no BOS is added."
    )
) { arguments in
    let name = "seam-engine tokenize"
    let model = try arguments.required("model", "DIR")
    let modes = ["text", "cases", "bench"].filter { arguments.value($0) != nil }
    guard modes.count == 1 else {
        throw UsageError(name, modes.isEmpty ? "give one of --text, --cases or --bench" : "give only one of --text, --cases or --bench")
    }
    let tokenizer = try Tokenizer(modelDirectory: model)
    if let text = arguments.value("text") {
        writeStandardOutput("[" + tokenizer.encode(text).map(String.init).joined(separator: ", ") + "]\n")
        return 0
    }
    if let path = arguments.value("cases") {
        return try TokenizerCases.check(path: path, tokenizer: tokenizer)
    }
    if let path = arguments.value("bench") {
        try TokenizerBenchmark.run(path: path, tokenizer: tokenizer)
    }
    return 0
}

/// `--cases`: a JSON-lines file of `{"text": …, "ids": […]}` checked against the tokenizer.
enum TokenizerCases {
    /// One line of the file.
    private struct Case: Decodable {
        var text: String
        var ids: [Int]
    }

    /// A malformed cases file: the file, the line and what is wrong.
    struct FormatError: Error, CustomStringConvertible {
        /// The cases file.
        var path: String
        /// The 1-based line, 0 for the whole file.
        var line: Int
        /// What is wrong.
        var problem: String
        /// `path:line: problem`.
        var description: String { "\(self.path):\(self.line): \(self.problem)" }
    }

    /// How many mismatches are printed in full.
    static let mismatchesShown = 5

    /// Checks every case; prints the first mismatches and a summary. Returns the exit status.
    static func check(path: String, tokenizer: Tokenizer) throws -> Int32 {
        let cases = try Self.load(path)
        var mismatches = 0
        for (line, item) in cases {
            let got = tokenizer.encode(item.text)
            guard got != item.ids else { continue }
            mismatches += 1
            if mismatches <= Self.mismatchesShown {
                let firstDifference = (0..<min(got.count, item.ids.count)).first { got[$0] != item.ids[$0] } ?? min(got.count, item.ids.count)
                writeStandardOutput(
                    "mismatch at \(path):\(line) (first difference at index \(firstDifference))\n"
                        + "  text:     \(Self.quoted(item.text))\n"
                        + "  expected: \(item.ids)\n"
                        + "  got:      \(got)\n")
            }
        }
        if mismatches > Self.mismatchesShown {
            writeStandardOutput("… and \(mismatches - Self.mismatchesShown) more mismatches\n")
        }
        writeStandardOutput("\(cases.count - mismatches) of \(cases.count) cases match\n")
        return mismatches == 0 ? 0 : 1
    }

    private static func load(_ path: String) throws -> [(line: Int, item: Case)] {
        guard FileSystem.exists(path), !FileSystem.isDirectory(path) else {
            throw FormatError(path: path, line: 0, problem: "no such file")
        }
        let data = try Data(contentsOf: URL(filePath: path))
        guard let text = String(validating: data, as: UTF8.self) else {
            throw FormatError(path: path, line: 0, problem: "not valid UTF-8")
        }
        var cases: [(Int, Case)] = []
        let decoder = JSONDecoder()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            do {
                cases.append((index + 1, try decoder.decode(Case.self, from: Data(line.utf8))))
            } catch {
                throw FormatError(path: path, line: index + 1, problem: "expected {\"text\": string, \"ids\": [integers]}")
            }
        }
        guard !cases.isEmpty else { throw FormatError(path: path, line: 0, problem: "no cases") }
        return cases
    }

    /// The text as a quoted literal with control characters escaped, cut at 200 characters.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index == 200 {
                result += "…"
                break
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// `--bench`: encodes (and decodes) a file repeatedly and prints throughput.
enum TokenizerBenchmark {
    /// Measures for at least this long per direction.
    static let minimumSeconds = 2.0

    /// Measures `tokenizer` on the file at `path` and prints throughput.
    static func run(path: String, tokenizer: Tokenizer) throws {
        guard FileSystem.exists(path), !FileSystem.isDirectory(path) else {
            throw TokenizerCases.FormatError(path: path, line: 0, problem: "no such file")
        }
        let data = try Data(contentsOf: URL(filePath: path))
        let text = String(decoding: data, as: UTF8.self)
        let byteCount = text.utf8.count
        guard byteCount > 0 else { throw TokenizerCases.FormatError(path: path, line: 0, problem: "empty file") }

        var ids: [Int] = []
        let encode = Self.measure { ids = tokenizer.encode(text) }
        var decoded = ""
        let decode = Self.measure { decoded = tokenizer.decode(ids) }
        var streamed = 0
        let stream = Self.measure {
            var decoder = tokenizer.makeStreamingDecoder()
            streamed = 0
            for id in ids { streamed += decoder.append(id).utf8.count }
            streamed += decoder.finish().utf8.count
        }
        var parsedBytes = 0
        let parse = Self.measure {
            // The server's streaming path: each token decoded, then fed to the completion parser.
            var decoder = tokenizer.makeStreamingDecoder()
            var parser = CompletionParser(startsInReasoning: false)
            parsedBytes = 0
            for id in ids {
                for case .content(let text) in parser.feed(decoder.append(id)) { parsedBytes += text.utf8.count }
            }
            for case .content(let text) in parser.feed(decoder.finish()) + parser.finish() { parsedBytes += text.utf8.count }
        }
        let megabytes = Double(byteCount) / 1_000_000
        writeStandardOutput(
            """
            file: \(path) (\(byteCount) bytes, \(ids.count) tokens, \(Self.format(Double(byteCount) / Double(max(ids.count, 1)))) bytes/token)
            encode: \(Self.format(megabytes / encode)) MB/s (\(Self.format(encode * 1000)) ms per pass)
            decode: \(Self.format(megabytes / decode)) MB/s (\(Self.format(decode * 1000)) ms per pass)
            streaming decode: \(Self.format(megabytes / stream)) MB/s (\(Self.format(stream * 1000)) ms per pass)
            streaming decode + completion parsing: \(Self.format(megabytes / parse)) MB/s (\(Self.format(parse * 1e9 / Double(max(ids.count, 1)))) ns per token)
            round trip: \(decoded == text && streamed == byteCount && parsedBytes == byteCount ? "identical" : "DIFFERS")

            """)
    }

    /// The fastest of repeated runs of `body`, in seconds, over at least `minimumSeconds`.
    private static func measure(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        var best = Double.infinity
        var total = 0.0
        var runs = 0
        while total < Self.minimumSeconds || runs < 3 {
            let elapsed = clock.measure(body)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            best = min(best, seconds)
            total += seconds
            runs += 1
        }
        return best
    }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return "\(rounded)"
    }
}
