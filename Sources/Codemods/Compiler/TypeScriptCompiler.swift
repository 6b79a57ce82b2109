import Basics
import CodeIndex
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

/// The real TypeScript compiler: `node_modules/.bin/tsc` in the project, else `tsc` on PATH.
///
/// Checks run on a snapshot written to a scratch directory (with the project's node_modules
/// linked in), so previews can be type-checked without touching the project.
package struct TypeScriptCompiler: Sendable {
    /// The executable.
    package var executable: String
    /// `tsc --version` without the "Version " prefix (e.g. "4.8.4").
    package var version: String

    /// Finds tsc for the project at `root`; nil when there is none.
    package static func locate(projectRoot root: String, environment: [String: String] = ProcessEnvironment.current) -> TypeScriptCompiler? {
        var candidates: [String] = []
        var directory = root
        while true {
            candidates.append(directory + "/node_modules/.bin/tsc")
            if directory == "/" || directory.isEmpty || directory == "." { break }
            directory = FileSystem.parent(of: directory)
        }
        if let onPath = Subprocess.locate("tsc", environment: environment) { candidates.append(onPath) }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            guard let result = try? Subprocess.run(candidate, ["--version"], environment: environment), result.succeeded else {
                continue
            }
            let version = result.output.trimmingSpaces().replacingPrefix("Version ", with: "")
            return TypeScriptCompiler(executable: candidate, version: version)
        }
        return nil
    }

    /// The major and minor version numbers.
    package var majorMinor: (Int, Int) {
        let parts = self.version.split(separator: ".").compactMap { Int($0) }
        return (parts.first ?? 0, parts.count > 1 ? parts[1] : 0)
    }

    /// One diagnostic: `file(line,col): error TSxxxx: message`.
    package struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
        /// Relative to the project root; empty for global diagnostics (tsconfig problems).
        package var file: String
        package var line: Int
        /// 1-based, in UTF-16 code units.
        package var column: Int
        /// The number after `TS`.
        package var code: Int
        /// The message, continuation lines joined with newlines.
        package var message: String

        package init(file: String, line: Int, column: Int, code: Int, message: String) {
            self.file = file
            self.line = line
            self.column = column
            self.code = code
            self.message = message
        }

        package var description: String {
            self.file.isEmpty ? "error TS\(self.code): \(self.message)" : "\(self.file)(\(self.line),\(self.column)): error TS\(self.code): \(self.message)"
        }
    }

    /// The outcome of a check.
    package struct CheckResult: Sendable {
        package var diagnostics: [Diagnostic]
        /// tsc's exit status.
        package var status: Int32
        /// Raw output, for reports when parsing found nothing but tsc failed.
        package var output: String
    }

    /// Parses tsc's `--pretty false` output.
    package static func parseDiagnostics(_ output: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for rawLine in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine).replacingPrefix("\r", with: "")
            if let diagnostic = Self.parseLine(line) {
                diagnostics.append(diagnostic)
            } else if line.hasPrefix(" "), !diagnostics.isEmpty, !line.trimmingSpaces().isEmpty {
                diagnostics[diagnostics.count - 1].message += "\n" + line.trimmingSpaces()
            }
        }
        return diagnostics
    }

    private static func parseLine(_ line: String) -> Diagnostic? {
        // file(line,col): error TS1234: message   or   error TS1234: message
        if line.hasPrefix("error TS") {
            let rest = line.dropFirst("error TS".count)
            guard let colon = rest.firstIndex(of: ":"), let code = Int(rest[..<colon]) else { return nil }
            return Diagnostic(file: "", line: 0, column: 0, code: code, message: rest[rest.index(after: colon)...].trimmingSpaces())
        }
        guard let marker = line.firstRange(of: "): error TS") else { return nil }
        let head = line[..<marker.lowerBound]
        guard let open = head.lastIndex(of: "(") else { return nil }
        let file = String(head[..<open])
        let position = head[head.index(after: open)...].split(separator: ",")
        guard position.count == 2, let lineNumber = Int(position[0]), let column = Int(position[1]) else { return nil }
        let rest = line[marker.upperBound...]
        guard let colon = rest.firstIndex(of: ":"), let code = Int(rest[..<colon]) else { return nil }
        return Diagnostic(
            file: file, line: lineNumber, column: column, code: code, message: rest[rest.index(after: colon)...].trimmingSpaces())
    }

    /// Type-checks `snapshot` (which must hold a tsconfig.json) with `extraArguments`, in a scratch copy.
    package func check(_ snapshot: ProjectSnapshot, extraArguments: [String] = []) throws -> CheckResult {
        let scratch = try ScratchDirectory(label: "tsc")
        defer { scratch.remove() }
        try scratch.materialize(snapshot)
        return try self.check(directory: scratch.path, extraArguments: extraArguments)
    }

    /// Type-checks the project in `directory` with its tsconfig.json.
    package func check(directory: String, extraArguments: [String] = []) throws -> CheckResult {
        let arguments = ["--noEmit", "-p", "tsconfig.json", "--pretty", "false"] + extraArguments
        let result = try Subprocess.run(self.executable, arguments, directory: directory)
        let output = result.output + result.errorOutput
        return CheckResult(diagnostics: Self.parseDiagnostics(output), status: result.status, output: output)
    }

    /// Compiles the project in `directory` into `outDir` (for comparing behaviour).
    package func emit(directory: String, outDir: String) throws -> CheckResult {
        let arguments = ["-p", "tsconfig.json", "--pretty", "false", "--noEmit", "false", "--outDir", outDir]
        let result = try Subprocess.run(self.executable, arguments, directory: directory)
        let output = result.output + result.errorOutput
        return CheckResult(diagnostics: Self.parseDiagnostics(output), status: result.status, output: output)
    }
}

/// A temporary directory that holds a snapshot for the compiler.
package struct ScratchDirectory: Sendable {
    package let path: String

    package init(label: String) throws {
        let base = ProcessEnvironment.current["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/seam-\(label)-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw SystemError("cannot create a scratch directory under \(base)") }
        self.path = String(cString: created)
    }

    /// Writes the snapshot and links the project's node_modules, if any.
    package func materialize(_ snapshot: ProjectSnapshot) throws {
        try snapshot.write(to: self.path)
        let modules = snapshot.root + "/node_modules"
        if FileManager.default.fileExists(atPath: modules) {
            try FileManager.default.createSymbolicLink(atPath: self.path + "/node_modules", withDestinationPath: modules)
        }
    }

    package func remove() {
        try? FileManager.default.removeItem(atPath: self.path)
    }
}

extension String {
    fileprivate func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        self.hasPrefix(prefix) ? replacement + self.dropFirst(prefix.count) : self
    }
}
