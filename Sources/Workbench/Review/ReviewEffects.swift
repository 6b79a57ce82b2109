import Basics
import Changes
import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the review's commands: reading and locating proposals, the final apply through the
/// checkpoint store (journaled, all-or-nothing), undo and redo, and editing a hunk in
/// `$VISUAL`/`$EDITOR` with the terminal handed over. Disk work runs on one serial queue (the
/// store takes a lock per operation; serialising keeps the order the user asked for); results
/// come back as `ReviewMsg`s. Never touches the state.
@MainActor
package final class ReviewEffects {
    package typealias Send = @MainActor @Sendable (Msg) -> Void

    private let root: String
    private let environment: [String: String]
    private let queue = DispatchQueue(label: "seam.review")
    /// Runs its argument with the terminal given to another program (curses suspended, then
    /// restored and repainted). The program owning the terminal sets it; the default just runs
    /// the work (tests, benchmarks).
    package var suspendTerminal: (() -> Void) -> Void = { work in work() }

    /// Effects for the workspace at `root`, with `environment` (the data directory for the
    /// checkpoint store, and `VISUAL`/`EDITOR`).
    package init(root: String, environment: [String: String]) {
        self.root = root
        self.environment = environment
    }

    /// Runs `command`; its result arrives later through `send`.
    package func perform(_ command: ReviewCommand, send: @escaping Send) {
        switch command {
        case .open(let text, let title, let origin, let context, let replacing):
            self.onQueue(send) { (workspace: WorkspaceRoot) throws(ChangesError) -> ReviewMsg in
                let changeset = ChangesetBuilder(workspace: workspace).build(text: Array(text.utf8), title: title)
                return .opened(ChangeReview(changeset, context: context), origin: origin, replacing: replacing)
            } failure: {
                .openFailed("cannot open the proposal: \($0)")
            }
        case .apply(let changeset, let files, let title):
            let environment = self.environment
            self.onQueue(send) { (workspace: WorkspaceRoot) throws(ChangesError) -> ReviewMsg in
                try Self.apply(changeset, files, title: title, workspace: workspace, environment: environment)
            } failure: {
                .applyFailed(message: $0, stale: [])
            }
        case .checkStale(let changeset):
            self.onQueue(send) { (workspace: WorkspaceRoot) throws(ChangesError) -> ReviewMsg in
                .staleChecked(title: changeset.title, stale: changeset.staleFiles(in: workspace))
            } failure: {
                .openFailed("cannot check the files: \($0)")
            }
        case .undo:
            let environment = self.environment
            self.onQueue(send) { (workspace: WorkspaceRoot) throws(ChangesError) -> ReviewMsg in
                .checkpointUndone(try CheckpointStore(workspace: workspace, environment: environment).undo())
            } failure: {
                .checkpointFailed("undo refused: \($0)")
            }
        case .redo:
            let environment = self.environment
            self.onQueue(send) { (workspace: WorkspaceRoot) throws(ChangesError) -> ReviewMsg in
                .checkpointRedone(try CheckpointStore(workspace: workspace, environment: environment).redo())
            } failure: {
                .checkpointFailed("redo refused: \($0)")
            }
        case .editHunk(let id, let path, let text):
            // After the current update and frame: the editor takes the terminal until it exits.
            DispatchQueue.main.async {
                MainActor.assumeIsolated {
                    send(.review(self.edit(id, path: path, text: text)))
                }
            }
        }
    }

    /// Refuses files changed on disk since the proposal, then writes `files` as one checkpoint.
    nonisolated private static func apply(
        _ changeset: Changeset, _ files: [ChangeReview.ResolvedFile], title: String, workspace: WorkspaceRoot,
        environment: [String: String]
    ) throws(ChangesError) -> ReviewMsg {
        let stale = changeset.staleFiles(in: workspace)
        if !stale.isEmpty {
            let paths = stale.map { changeset.files[$0].path }.joined(separator: ", ")
            return .applyFailed(message: "\(paths) changed on disk since the proposal", stale: stale)
        }
        let store = try CheckpointStore(workspace: workspace, environment: environment)
        do throws(ChangesError) {
            return .applied(checkpoint: try store.apply(files, title: title))
        } catch {
            // The store checks again under its lock: a file changed between the two checks.
            guard error.code == .staleFile else { throw error }
            let named = Set((error.path ?? "").split(separator: ",").map { String($0.drop { $0 == " " }) })
            let stale = changeset.files.indices.filter {
                named.contains(changeset.files[$0].sourcePath) || named.contains(changeset.files[$0].path)
            }
            return .applyFailed(message: error.description, stale: stale)
        }
    }

    // MARK: - Editor

    /// Writes `text` to a temporary file, runs the editor on it with the terminal handed over,
    /// and reads back what was saved.
    private func edit(_ id: ReviewHunk.ID, path: String, text: String) -> ReviewMsg {
        let directory = self.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let name = FileSystem.lastComponent(of: path).filter {
            $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-"
        }
        var template = Array("\(directory)/seam-hunk-\(name)-XXXXXX.diff".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemps($0, 5) } ?? -1
        }
        guard descriptor >= 0 else {
            return .hunkEditFailed(
                id, message: "cannot create a temporary file in \(directory): \(String(cString: strerror(errno)))")
        }
        let file = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(file) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { return .hunkEditFailed(id, message: "cannot write \(file)") }
        let editor = self.editorCommand
        var status: Int32 = -1
        self.suspendTerminal {
            status = Self.runEditor(editor, file: file)
        }
        guard status == 0 else {
            let detail = status == 127 ? "'\(editor)' was not found" : "'\(editor)' exited with status \(status)"
            return .hunkEditFailed(id, message: "\(detail); set VISUAL or EDITOR")
        }
        guard let edited = try? PosixFile.read(file) else {
            return .hunkEditFailed(id, message: "cannot read the edited hunk back from \(file)")
        }
        return .hunkEdited(id, text: String(decoding: edited, as: UTF8.self))
    }

    /// `$VISUAL`, else `$EDITOR`, else `vi` (a shell command: it may carry arguments).
    private var editorCommand: String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = self.environment[name], !value.trimmingSpaces().isEmpty { return value }
        }
        return "vi"
    }

    /// Runs `editor FILE` through `/bin/sh` on this terminal and waits for it. The editor gets
    /// default signal dispositions and an empty signal mask (the workbench ignores SIGINT,
    /// SIGWINCH, … and its threads block some), so it behaves as when started from a shell.
    private static func runEditor(_ editor: String, file: String) -> Int32 {
        (try? Subprocess.runInTerminal("/bin/sh", ["-c", editor + " \"$1\"", "seam-editor", file])) ?? 127
    }

    // MARK: - Helpers

    /// Runs `work` on the review queue with the workspace root checked, and sends its message
    /// (or `failure` with the error's text) back on the main queue.
    private func onQueue(
        _ send: @escaping Send, _ work: @escaping @Sendable (WorkspaceRoot) throws(ChangesError) -> ReviewMsg,
        failure: @escaping @Sendable (String) -> ReviewMsg
    ) {
        let root = self.root
        self.queue.async {
            let message: ReviewMsg
            do throws(ChangesError) {
                message = try work(try WorkspaceRoot(root))
            } catch {
                message = failure(error.description)
            }
            DispatchQueue.main.async { MainActor.assumeIsolated { send(.review(message)) } }
        }
    }
}
