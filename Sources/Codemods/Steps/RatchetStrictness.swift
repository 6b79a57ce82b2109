import Basics
import CodeIndex

/// Step 6 (optional): turn on one stricter compiler flag, after showing what it costs.
///
/// Matches: a tsconfig.json whose `compilerOptions` do not yet set the flag to true.
///
/// Rewrites: sets the flag (`noImplicitAny`, then `strictNullChecks`) in tsconfig.json and
/// fixes the errors it brings the way `fix-errors` does (`: any` on implicit-any parameters and
/// variables, declarations for untyped packages, `@ts-expect-error` as the last resort).
/// `cost(of:)` reports how many errors the flag would add before anything is changed.
package struct RatchetStrictness: Codemod {
    /// The flags, in the order the ratchet turns them on.
    package enum Flag: String, Sendable, CaseIterable {
        case noImplicitAny
        case strictNullChecks
    }

    package var flag: Flag

    package init(flag: Flag) {
        self.flag = flag
    }

    package var name: String { self.flag == .noImplicitAny ? "no-implicit-any" : "strict-null-checks" }
    package var summary: String { "turn on \(self.flag.rawValue) and fix what it reports" }

    /// Compiler arguments that turn the flag on for a check.
    package var compilerArguments: [String] { ["--\(self.flag.rawValue)", "true"] }

    /// tsc errors with the flag on (nil when tsc cannot run).
    package func cost(of snapshot: ProjectSnapshot, context: CodemodContext) -> Int? {
        MigrationMetrics.measure(snapshot, compiler: context.compiler, extraArguments: self.compilerArguments).tscErrors
    }

    package func run(on snapshot: ProjectSnapshot, context: CodemodContext) throws -> CodemodResult {
        guard let configText = snapshot.files["tsconfig.json"], var config = try? JSONValue.parse(configText) else {
            return CodemodResult(findings: [Finding("tsconfig.json", "no readable tsconfig.json (run the tsconfig step first)")])
        }
        if config["compilerOptions"]?[self.flag.rawValue] == .bool(true) { return CodemodResult() }
        var options = config["compilerOptions"] ?? .object([])
        options.set(self.flag.rawValue, .bool(true))
        config.set("compilerOptions", options)
        var flagged = snapshot
        flagged.files["tsconfig.json"] = config.formatted() + "\n"
        let fixes = try FixTypeErrors().run(on: flagged, context: context)
        let after = flagged.applying(fixes.changes)
        return CodemodResult(changes: snapshot.changes(to: after), findings: fixes.findings)
    }
}
