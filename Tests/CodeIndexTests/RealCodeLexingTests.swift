import Basics
import CodeIndex
import FoundationEssentials
import TestSupport
import Testing

/// The installed JavaScript of the packages the migration tests use (make test-deps installs them).
private let packageNames = ["semver", "js-yaml", "esprima", "argparse", "lru-cache", "sprintf-js"]

@Suite("Lexing real code", .dedicatedThreads)
struct RealCodeLexingTests {
    /// A misread regular expression or template swallows or leaks brackets, so balanced
    /// brackets across a whole real file are a strong check of the lexer.
    @Test("installed packages lex with balanced brackets, no diagnostics, and tokens in order")
    func installedPackages() throws {
        var files: [String] = []
        for name in packageNames {
            let directory = "/usr/share/nodejs/" + name
            guard FileSystem.isDirectory(directory) else {
                Issue.record("\(directory) is missing: install node-semver and node-js-yaml (make test-deps)")
                continue
            }
            let listing = try Subprocess.run("/usr/bin/find", [directory, "-name", "*.js", "-size", "-2000k"])
            files += listing.output.split(separator: "\n").map(String.init)
        }
        #expect(files.count > 50)
        for file in files {
            let text = try TestFiles.readText(file)
            let source = SourceText(text)
            let lexer = Lexer(source, jsx: false)
            #expect(lexer.diagnostics.isEmpty, "\(file): \(lexer.diagnostics)")
            var depth: [Character: Int] = ["(": 0, "[": 0, "{": 0]
            var previousEnd = 0
            var ordered = true
            for token in lexer.tokens {
                if token.start < previousEnd { ordered = false }
                previousEnd = token.end
                guard token.kind == .punctuator || token.isTemplate else { continue }
                let value = source.text(of: token)
                switch value {
                case "(", "[", "{": depth[Character(value), default: 0] += 1
                case ")": depth["(", default: 0] -= 1
                case "]": depth["[", default: 0] -= 1
                case "}": depth["{", default: 0] -= 1
                default:
                    if token.kind == .templateHead { depth["{", default: 0] += 1 }
                    if token.kind == .templateTail { depth["{", default: 0] -= 1 }
                }
            }
            #expect(ordered, "\(file): tokens overlap")
            #expect(depth.values.allSatisfy { $0 == 0 }, "\(file): unbalanced brackets \(depth)")
        }
    }
}
