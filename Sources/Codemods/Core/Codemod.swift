import CodeIndex

/// One step of the JavaScript-to-TypeScript migration: reads a snapshot, returns changes.
///
/// A codemod never writes files. Running it on its own output returns no changes
/// (idempotence is tested for every codemod).
package protocol Codemod: Sendable {
    /// The step name used on the command line (`--step NAME`).
    var name: String { get }
    /// One line saying what the step does.
    var summary: String { get }
    /// Computes the changes for `snapshot`.
    func run(on snapshot: ProjectSnapshot, context: CodemodContext) throws -> CodemodResult
}

/// What codemods may use besides the snapshot: the TypeScript compiler (when found) and the
/// resolver's global folders.
package struct CodemodContext: Sendable {
    /// The compiler, or nil when none was found (steps that need it say what they could not check).
    package var compiler: TypeScriptCompiler?
    /// Global module folders searched after node_modules.
    package var globalFolders: [String]

    package init(compiler: TypeScriptCompiler?, globalFolders: [String] = ModuleResolver.debianGlobalFolders) {
        self.compiler = compiler
        self.globalFolders = globalFolders
    }

    /// A resolver over `snapshot`.
    package func resolver(for snapshot: ProjectSnapshot) -> ModuleResolver {
        ModuleResolver(files: SnapshotFileLookup(snapshot), globalFolders: self.globalFolders)
    }
}
