import Changes
import CodeIndex

/// The model's help with types: a prompt asking the engine to propose annotations for one file,
/// and the answer turned into a changeset reviewed like every other change.
///
/// The TUI sends `TypeProposal.Request.messages` to the engine and passes the reply to
/// `changeset(fromAnswer:…)`; nothing here talks to the engine.
package enum TypeProposal {
    /// Chat messages for the engine.
    package struct Request: Sendable, Equatable {
        /// The system message: rules and the answer format.
        package var system: String
        /// The user message: the file, its neighbours' exports, and tsc's complaints.
        package var user: String

        /// `(role, content)` pairs in order.
        package var messages: [(role: String, content: String)] { [("system", self.system), ("user", self.user)] }

        package static func == (lhs: Request, rhs: Request) -> Bool { lhs.system == rhs.system && lhs.user == rhs.user }
    }

    /// The rules and format the model is asked to follow.
    package static let systemPrompt = """
        You add TypeScript type annotations to one file of a project being migrated from JavaScript.
        Rules:
        - Change only type annotations: parameter and return types, variable types, `declare` class fields,
          interfaces and type aliases. Never change what the code does, never rename, reorder or reformat.
        - Prefer precise types over `any`; use `any` only where nothing better is known.
        - Remove a `// @ts-expect-error` line only when your types make the error go away.
        - Answer with SEARCH/REPLACE blocks, each after a line naming the file:
        path/to/file.ts
        <<<<<<< SEARCH
        exact lines from the file
        =======
        the same lines with types added
        >>>>>>> REPLACE
        Keep each SEARCH part short but unique in the file. Edit no other file.
        """

    /// The request for `path` in `snapshot`, with `diagnostics` from tsc for context.
    package static func request(
        for path: String, in snapshot: ProjectSnapshot, diagnostics: [TypeScriptCompiler.Diagnostic] = [],
        resolver: ModuleResolver? = nil
    ) -> Request {
        let text = snapshot.files[path] ?? ""
        var user = "Propose types for `\(path)`.\n\n"
        let module = ParsedModule(text, jsx: path.hasSuffix("x"))
        let resolver = resolver ?? ModuleResolver(files: SnapshotFileLookup(snapshot), globalFolders: [])
        var neighbours: [String] = []
        for record in module.imports where record.isRelative {
            guard let specifier = record.specifier,
                case .file(let target) = resolver.resolve(specifier, from: snapshot.absolute(path)),
                let relative = snapshot.relative(target), let targetText = snapshot.files[relative]
            else { continue }
            let signatures = Self.exportedSignatures(targetText, jsx: relative.hasSuffix("x"))
            if !signatures.isEmpty && !neighbours.contains(where: { $0.hasPrefix("// \(relative)\n") }) {
                neighbours.append("// \(relative)\n" + signatures.joined(separator: "\n"))
            }
        }
        if !neighbours.isEmpty {
            user += "What the modules it imports export (declarations only):\n```ts\n" + neighbours.joined(separator: "\n\n") + "\n```\n\n"
        }
        let own = diagnostics.filter { $0.file == path }
        if !own.isEmpty {
            user += "tsc reports for this file:\n" + own.map { "- line \($0.line): TS\($0.code) \($0.message)" }.joined(separator: "\n") + "\n\n"
        }
        let fence = text.contains("```") ? "~~~~" : "```"
        user += "\(path)\n\(fence)ts\n\(text)\(text.hasSuffix("\n") ? "" : "\n")\(fence)\n"
        return Request(system: self.systemPrompt, user: user)
    }

    /// The first line of each exported or top-level function, class and const declaration.
    static func exportedSignatures(_ text: String, jsx: Bool) -> [String] {
        let module = ParsedModule(text, jsx: jsx)
        var lines: [String] = []
        for statement in module.statements {
            let first = module.text(statement.first)
            let second = module.text(statement.first + 1)
            let declares = ["function", "class", "export", "async"].contains(first)
                || (["const", "let", "var"].contains(first) && module.text(statement.first + 3) != "require")
            guard declares, second != "=" || first == "export" else { continue }
            let statementText = module.text(of: statement)
            let firstLine = statementText.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? statementText
            lines.append(firstLine.count > 160 ? String(firstLine.prefix(157)) + "..." : firstLine)
            if lines.count >= 40 { break }
        }
        return lines
    }

    /// Turns the model's answer into a changeset on `path` for review. Edits to other files are
    /// dropped with a warning diagnostic (the request was for one file).
    package static func changeset(fromAnswer answer: String, path: String, root: String) throws -> Changeset {
        var proposal = EditParser.parse(answer)
        var kept: [FileEdit] = []
        for edit in proposal.edits {
            let normalized = (try? WorkspaceRoot.normalize(edit.path)) ?? edit.path
            if normalized == path && edit.renamedFrom == nil && edit.action != .delete {
                kept.append(edit)
            } else {
                proposal.diagnostics.append(
                    EditDiagnostic(.warning, line: edit.source.line, path: edit.path, "dropped: the request was for types in \(path) only"))
            }
        }
        proposal.edits = kept
        let builder = ChangesetBuilder(workspace: try WorkspaceRoot(root))
        return builder.build(proposal, title: "types for \(path) proposed by the model")
    }
}
