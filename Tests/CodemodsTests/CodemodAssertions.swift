import CodeIndex
import Codemods
import Testing

/// An expected finding: the marker that pins its line in the input, and text its message contains.
struct FindingSpec {
    var marker: String
    var file: String
    var contains: String

    init(_ marker: String, in file: String, _ contains: String) {
        self.marker = marker
        self.file = file
        self.contains = contains
    }
}

/// The markers tests may put in inputs (swift-format's convention).
private let markers = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

/// `text` without markers, and the 1-based line of each marker.
func stripMarkers(_ text: String) -> (String, [String: Int]) {
    var lines: [String: Int] = [:]
    var output: [String] = []
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        var stripped = String(line)
        for marker in markers where stripped.contains(marker) {
            lines[marker] = number + 1
            stripped = stripped.replacingAll(marker, with: "")
        }
        output.append(stripped)
    }
    return (output.joined(separator: "\n"), lines)
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        self.split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// Runs `codemod` on `input` (paths → texts with markers) and checks the resulting files equal
/// `expected` (paths → texts; files not named must be unchanged or absent when renamed), that
/// every `findings` spec is reported on its marker's line, and that a second run changes nothing.
@discardableResult
func assertCodemod(
    _ codemod: any Codemod,
    input: [String: String],
    expected: [String: String],
    findings: [FindingSpec] = [],
    context: CodemodContext = CodemodContext(compiler: nil, globalFolders: []),
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> CodemodResult {
    var files: [String: String] = [:]
    var markerLines: [String: [String: Int]] = [:]
    for (path, text) in input {
        let (stripped, lines) = stripMarkers(text)
        files[path] = stripped
        markerLines[path] = lines
    }
    let snapshot = ProjectSnapshot(root: "/project", files: files)
    let result = try codemod.run(on: snapshot, context: context)
    let after = snapshot.applying(result.changes)
    for (path, text) in expected {
        #expect(after.files[path] == text, "\(path) differs:\n\(after.files[path] ?? "<missing>")", sourceLocation: sourceLocation)
    }
    for path in after.files.keys where expected[path] == nil {
        #expect(after.files[path] == snapshot.files[path], "\(path) changed unexpectedly:\n\(after.files[path] ?? "")", sourceLocation: sourceLocation)
    }
    for spec in findings {
        let line = markerLines[spec.file]?[spec.marker]
        let match = result.findings.contains { $0.path == spec.file && $0.line == line && $0.message.contains(spec.contains) }
        #expect(match, "no finding '\(spec.contains)' at \(spec.file):\(line ?? 0); findings: \(result.findings)", sourceLocation: sourceLocation)
    }
    let again = try codemod.run(on: after, context: context)
    #expect(again.changes.isEmpty, "second run changed: \(again.changes.map(\.displayPath))", sourceLocation: sourceLocation)
    return result
}
