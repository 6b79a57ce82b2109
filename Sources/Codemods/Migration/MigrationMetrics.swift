import CodeIndex

/// Progress of a migration at one point: what is still JavaScript, what tsc says, and how much
/// of the typing is escape hatches.
package struct MigrationMetrics: Sendable, Equatable {
    /// Sources still in JavaScript.
    package var javaScriptFiles: Int
    /// Sources in TypeScript.
    package var typeScriptFiles: Int
    /// Lines in all sources.
    package var lines: Int
    /// `tsc --noEmit` errors; nil when tsc could not run (no compiler, or no tsconfig.json yet).
    package var tscErrors: Int?
    /// Why `tscErrors` is nil.
    package var tscUnavailableReason: String?
    /// `any` used as a type in TypeScript sources.
    package var anyCount: Int
    /// `// @ts-expect-error` comments.
    package var expectErrorCount: Int
    /// `// @ts-ignore` comments.
    package var ignoreCount: Int

    /// Measures `snapshot`, type-checking it with `compiler` when one is given and the snapshot has a tsconfig.json.
    package static func measure(
        _ snapshot: ProjectSnapshot, compiler: TypeScriptCompiler?, extraArguments: [String] = []
    ) -> MigrationMetrics {
        var metrics = MigrationMetrics(
            javaScriptFiles: 0, typeScriptFiles: 0, lines: 0, tscErrors: nil, tscUnavailableReason: nil, anyCount: 0,
            expectErrorCount: 0, ignoreCount: 0)
        for path in snapshot.sourcePaths {
            let text = snapshot.files[path] ?? ""
            metrics.lines += text.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + (text.hasSuffix("\n") || text.isEmpty ? 0 : 1)
            let isJavaScript = ProjectSnapshot.isJavaScript(path)
            if isJavaScript { metrics.javaScriptFiles += 1 } else { metrics.typeScriptFiles += 1 }
            let source = SourceText(text)
            let tokens = Lexer(source, jsx: path.hasSuffix("x")).tokens
            var previous: Token?
            for token in tokens {
                switch token.kind {
                case .lineComment, .blockComment:
                    let comment = source.text(of: token)
                    if comment.contains("@ts-expect-error") { metrics.expectErrorCount += 1 }
                    if comment.contains("@ts-ignore") { metrics.ignoreCount += 1 }
                case .identifier where !isJavaScript:
                    if source.token(token, is: "any"), !(previous.map { source.token($0, is: ".") } ?? false) {
                        metrics.anyCount += 1
                    }
                default:
                    break
                }
                if !token.isTrivia { previous = token }
            }
        }
        guard let compiler else {
            metrics.tscUnavailableReason = "tsc not found (install node-typescript or add typescript to node_modules)"
            return metrics
        }
        guard snapshot.files["tsconfig.json"] != nil else {
            metrics.tscUnavailableReason = "no tsconfig.json yet"
            return metrics
        }
        do {
            let result = try compiler.check(snapshot, extraArguments: extraArguments)
            metrics.tscErrors = result.diagnostics.count
            if result.diagnostics.isEmpty && result.status != 0 {
                metrics.tscErrors = nil
                metrics.tscUnavailableReason = "tsc failed: " + String(result.output.prefix(200))
            }
        } catch {
            metrics.tscUnavailableReason = "tsc could not run: \(error)"
        }
        return metrics
    }

    /// One line for reports: `js 12 · ts 30 · tsc errors 4 · any 17 · @ts-expect-error 2 · @ts-ignore 0`.
    package var summaryLine: String {
        let errors = self.tscErrors.map(String.init) ?? "unchecked"
        return "js \(self.javaScriptFiles) · ts \(self.typeScriptFiles) · lines \(self.lines) · tsc errors \(errors) · any \(self.anyCount) · @ts-expect-error \(self.expectErrorCount) · @ts-ignore \(self.ignoreCount)"
    }
}
