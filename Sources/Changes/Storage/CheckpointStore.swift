import Basics
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Applies resolved changes all-or-nothing and keeps every apply as a checkpoint for undo and
/// redo, outside the user's tree and git history.
///
/// One store per project, whichever directory a change came from: the project is the git top
/// level containing the workspace (else the workspace itself), so the workbench opened on a
/// subdirectory, `seam apply`, `seam undo`, `seam log`, `seam review` and `seam migrate` run
/// anywhere in the repository all share one history. Checkpoints record project-relative paths.
///
/// Where: `$XDG_DATA_HOME/seam/projects/<name>-<hash of the project path>/`, holding `lock`,
/// `journal/` (at most one unfinished operation) and `checkpoints/<id>/` (a manifest and the
/// before and after content of every touched file, named by digest; an `undone` marker after
/// undo). Nothing is ever written inside the workspace but the changed files themselves, so the
/// store is invisible to `git status`, survives `git clean -fdx`, and works in directories that
/// are not git repositories.
///
/// Crash safety: an operation first writes every blob and then its manifest into `journal/`
/// (each fsynced); only then are files replaced, one by one, atomically (temporary file, fsync,
/// rename, fsync of the directory). Committing renames the journal entry into `checkpoints/`.
/// On the next start, `recover` finishes an operation whose manifest exists (roll forward: the
/// tree reaches the new state) and discards one without a manifest (no file was touched yet: the
/// tree is in the old state). A file found in neither the old nor the new state is left alone
/// and reported.
package struct CheckpointStore: Sendable {
    /// The directory the changes given to `apply` are relative to.
    package let workspace: WorkspaceRoot
    /// The project whose history this is: the git top level containing `workspace`, else
    /// `workspace` itself. Checkpoints name files relative to it.
    package let project: WorkspaceRoot
    /// `workspace` relative to `project` ("" when they are the same).
    private let prefix: String
    /// The store's directory.
    package let directory: String
    /// Milliseconds to sleep between files while writing (test hook `SEAM_TEST_APPLY_PAUSE_MS`),
    /// so a test can kill the process in the middle of an apply.
    let pauseMilliseconds: Int

    /// The store of the project containing `workspace` (see `project`), under the data
    /// directory `environment` names.
    package init(
        workspace: WorkspaceRoot, environment: [String: String] = ProcessEnvironment.current
    ) throws(ChangesError) {
        self.workspace = workspace
        let project = try WorkspaceRoot.containing(workspace.path)
        self.project = project
        self.prefix = workspace.path == project.path ? "" : String(workspace.path.dropFirst(project.path == "/" ? 1 : project.path.count + 1))
        let digest = ContentDigest(of: Array(project.path.utf8))
        let name = String(
            FileSystem.lastComponent(of: project.path).map {
                $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_"
            })
        self.directory = Paths(environment: environment).dataDirectory + "/projects/\(name)-\(digest.hex.prefix(16))"
        self.pauseMilliseconds = environment["SEAM_TEST_APPLY_PAUSE_MS"].flatMap { Int($0) } ?? 0
        try PosixFile.createDirectories(self.journalDirectory, mode: 0o700)
        try PosixFile.createDirectories(self.checkpointsDirectory, mode: 0o700)
        let recordPath = self.directory + "/project.json"
        if PosixFile.inspect(recordPath).kind == .missing {
            // Names the project, for a person looking through the data directory.
            let record = (try? JSONEncoder().encode(["workspace": project.path])).map(Array.init) ?? []
            try PosixFile.writeAtomically(recordPath, record, mode: 0o600)
        }
    }

    var journalDirectory: String { self.directory + "/journal" }
    var checkpointsDirectory: String { self.directory + "/checkpoints" }

    // MARK: - Operations

    /// Finishes or discards an operation a crash interrupted. Returns what it did, one line each
    /// (empty when there was nothing to recover).
    @discardableResult
    package func recover() throws(ChangesError) -> [String] {
        let lock = try self.lock()
        defer { lock.unlock() }
        return try self.recoverLocked()
    }

    /// Writes `files` all-or-nothing as a new checkpoint titled `title` and returns its id.
    /// Refuses, writing nothing, when any file changed on disk since its change was proposed.
    @discardableResult
    package func apply(_ files: [ChangeReview.ResolvedFile], title: String) throws(ChangesError) -> Int {
        let lock = try self.lock()
        defer { lock.unlock() }
        _ = try self.recoverLocked()
        var records: [CheckpointManifest.FileRecord] = []
        var blobs: [ContentDigest: [UInt8]] = [:]
        var stale: [String] = []
        for file in files {
            let sourceFull = try self.workspace.resolve(file.sourcePath)
            let before = try self.snapshot(sourceFull, into: &blobs)
            if before?.digest != (file.base.exists ? file.base.digest : nil) { stale.append(file.sourcePath) }
            let after: CheckpointManifest.FileState? = file.content.map { content in
                let digest = ContentDigest(of: content)
                blobs[digest] = content
                return CheckpointManifest.FileState(digest: digest, mode: file.mode)
            }
            let source = self.projectPath(of: try WorkspaceRoot.normalize(file.sourcePath))
            if file.path != file.sourcePath {
                let destinationFull = try self.workspace.resolve(file.path)
                if PosixFile.inspect(destinationFull).kind != .missing { stale.append(file.path) }
                let destination = self.projectPath(of: try WorkspaceRoot.normalize(file.path))
                records.append(CheckpointManifest.FileRecord(path: source, before: before, after: nil))
                records.append(CheckpointManifest.FileRecord(path: destination, before: nil, after: after))
            } else {
                records.append(CheckpointManifest.FileRecord(path: source, before: before, after: after))
            }
        }
        guard stale.isEmpty else {
            throw ChangesError(
                .staleFile,
                "changed on disk since the change was proposed; nothing was written (review the change again)",
                path: stale.joined(separator: ", "))
        }
        guard !records.isEmpty else {
            throw ChangesError(.invalidReview, "nothing to apply: no change was accepted")
        }
        let id = self.nextCheckpointID()
        let manifest = CheckpointManifest(
            version: CheckpointManifest.currentVersion, kind: .apply, checkpoint: id, title: title,
            date: Int64(time(nil)),
            files: records)
        let entry = self.journalDirectory + "/apply-\(Self.name(id))"
        try PosixFile.removeTree(entry)
        try PosixFile.createDirectories(entry + "/blobs", mode: 0o700)
        for (digest, bytes) in blobs.sorted(by: { $0.key.hex < $1.key.hex }) {
            try PosixFile.writeDurably(entry + "/blobs/" + digest.hex, bytes)
            self.pause()
        }
        try PosixFile.syncDirectory(entry + "/blobs")
        try PosixFile.syncDirectory(entry)
        try self.writeManifest(manifest, to: entry)
        try self.replay(manifest.files, blobs: entry + "/blobs")
        try self.commit(manifest, entry: entry)
        return id
    }

    /// Restores the files of the latest applied checkpoint to their state before it. Refuses,
    /// naming the file, when any of them was edited after the checkpoint.
    @discardableResult
    package func undo() throws(ChangesError) -> CheckpointSummary {
        let lock = try self.lock()
        defer { lock.unlock() }
        _ = try self.recoverLocked()
        let checkpoints = try self.checkpoints()
        guard let target = checkpoints.last(where: { !$0.isUndone }) else {
            throw ChangesError(.nothingToUndo, "nothing to undo")
        }
        let manifest = try self.readManifest(self.checkpointDirectory(target.id))
        try self.requireCurrent(manifest.files.map { ($0.path, $0.after) }, checkpoint: target.id, action: "undo")
        var journal = manifest
        journal.kind = .undo
        journal.files = manifest.reversedFiles
        let entry = self.journalDirectory + "/undo-\(Self.name(target.id))"
        try PosixFile.removeTree(entry)
        try PosixFile.createDirectories(entry, mode: 0o700)
        try self.writeManifest(journal, to: entry)
        try self.replay(journal.files, blobs: self.checkpointDirectory(target.id) + "/blobs")
        try self.commit(journal, entry: entry)
        return target
    }

    /// Applies again the earliest undone checkpoint after the latest applied one. Refuses, naming
    /// the file, when any of its files was edited after the undo.
    @discardableResult
    package func redo() throws(ChangesError) -> CheckpointSummary {
        let lock = try self.lock()
        defer { lock.unlock() }
        _ = try self.recoverLocked()
        let checkpoints = try self.checkpoints()
        let head = checkpoints.last(where: { !$0.isUndone })?.id ?? 0
        guard let target = checkpoints.first(where: { $0.isUndone && $0.id > head }) else {
            throw ChangesError(.nothingToRedo, "nothing to redo")
        }
        var manifest = try self.readManifest(self.checkpointDirectory(target.id))
        try self.requireCurrent(manifest.files.map { ($0.path, $0.before) }, checkpoint: target.id, action: "redo")
        manifest.kind = .redo
        let entry = self.journalDirectory + "/redo-\(Self.name(target.id))"
        try PosixFile.removeTree(entry)
        try PosixFile.createDirectories(entry, mode: 0o700)
        try self.writeManifest(manifest, to: entry)
        try self.replay(manifest.files, blobs: self.checkpointDirectory(target.id) + "/blobs")
        try self.commit(manifest, entry: entry)
        return target
    }

    /// Every checkpoint, oldest first.
    package func log() throws(ChangesError) -> [CheckpointSummary] {
        try self.checkpoints()
    }

    // MARK: - Journal

    private func recoverLocked() throws(ChangesError) -> [String] {
        var messages: [String] = []
        for name in PosixFile.list(self.journalDirectory) {
            let entry = self.journalDirectory + "/" + name
            guard PosixFile.inspect(entry + "/manifest.json").kind == .regular else {
                try PosixFile.removeTree(entry)
                try PosixFile.syncDirectory(self.journalDirectory)
                messages.append("discarded an interrupted operation that had not changed any file yet (\(name))")
                continue
            }
            let manifest = try self.readManifest(entry)
            let blobs: String =
                manifest.kind == .apply ? entry + "/blobs" : self.checkpointDirectory(manifest.checkpoint) + "/blobs"
            let skipped = try self.replay(manifest.files, blobs: blobs, recovering: true)
            try self.commit(manifest, entry: entry)
            var message =
                "completed an interrupted \(manifest.kind.rawValue) of checkpoint \(manifest.checkpoint) (\(manifest.files.count) files)"
            if !skipped.isEmpty {
                message += "; left alone because they changed meanwhile: " + skipped.joined(separator: ", ")
            }
            messages.append(message)
        }
        return messages
    }

    /// Brings every file to its `after` state, each replaced atomically; the directories are
    /// flushed once at the end (a rename lost to a crash before that is redone by recovery, since
    /// the manifest is already durable). While recovering, files already there are skipped and
    /// files in neither state are left alone and returned.
    @discardableResult
    private func replay(
        _ files: [CheckpointManifest.FileRecord], blobs: String, recovering: Bool = false
    )
        throws(ChangesError) -> [String]
    {
        var skipped: [String] = []
        var directories: Set<String> = []
        for (index, record) in files.enumerated() {
            let full = try self.project.resolve(record.path)
            if recovering {
                PosixFile.removeTemporaries(of: full)
                let current = try self.state(at: full)
                if current?.digest == record.after?.digest && (current == nil || current?.mode == record.after?.mode) {
                    continue
                }
                if current?.digest != record.before?.digest && current?.digest != record.after?.digest {
                    skipped.append(record.path)
                    continue
                }
            }
            if let after = record.after {
                let bytes = try PosixFile.read(blobs + "/" + after.digest.hex)
                guard ContentDigest(of: bytes) == after.digest else {
                    throw ChangesError(.corruptStore, "the checkpoint's copy of \(record.path) is damaged (\(blobs))")
                }
                try PosixFile.writeAtomically(full, bytes, mode: after.mode, syncDirectory: false)
                directories.insert(FileSystem.parent(of: full))
            } else {
                try PosixFile.remove(full, syncDirectory: false)
                directories.insert(self.removeEmptyParents(of: full))
            }
            if index + 1 < files.count { self.pause() }
        }
        for directory in directories.sorted() where PosixFile.inspect(directory).kind == .directory {
            try PosixFile.syncDirectory(directory)
        }
        return skipped
    }

    /// Makes a finished operation permanent: an apply becomes a checkpoint (and drops the redo
    /// history it replaces); an undo marks its checkpoint undone; a redo clears the mark.
    private func commit(_ manifest: CheckpointManifest, entry: String) throws(ChangesError) {
        let target = self.checkpointDirectory(manifest.checkpoint)
        switch manifest.kind {
        case .apply:
            if PosixFile.inspect(target).kind == .missing {
                try PosixFile.move(entry, to: target)
            } else {
                try PosixFile.removeTree(entry)
            }
            for checkpoint in try self.checkpoints() where checkpoint.isUndone && checkpoint.id < manifest.checkpoint {
                try PosixFile.removeTree(self.checkpointDirectory(checkpoint.id))
            }
        case .undo:
            try PosixFile.writeAtomically(target + "/undone", [], mode: 0o600)
            try PosixFile.removeTree(entry)
        case .redo:
            try PosixFile.remove(target + "/undone")
            try PosixFile.removeTree(entry)
        }
        try PosixFile.syncDirectory(self.checkpointsDirectory)
        try PosixFile.syncDirectory(self.journalDirectory)
    }

    // MARK: - Helpers

    /// The project-relative path of workspace-relative (normalised) `relative`.
    private func projectPath(of relative: String) -> String {
        self.prefix.isEmpty ? relative : self.prefix + "/" + relative
    }

    private func lock() throws(ChangesError) -> WorkspaceLock {
        try WorkspaceLock(path: self.directory + "/lock")
    }

    private func checkpoints() throws(ChangesError) -> [CheckpointSummary] {
        var result: [CheckpointSummary] = []
        for name in PosixFile.list(self.checkpointsDirectory) {
            guard let id = Int(name), id > 0 else { continue }
            let directory = self.checkpointDirectory(id)
            let manifest = try self.readManifest(directory)
            result.append(
                CheckpointSummary(
                    id: id, title: manifest.title, date: manifest.date, paths: manifest.files.map(\.path),
                    isUndone: PosixFile.inspect(directory + "/undone").kind == .regular))
        }
        return result.sorted { $0.id < $1.id }
    }

    private func nextCheckpointID() -> Int {
        let existing = PosixFile.list(self.checkpointsDirectory).compactMap { Int($0) }
        let pending = PosixFile.list(self.journalDirectory).compactMap {
            $0.split(separator: "-").last.flatMap { Int($0) }
        }
        return (existing + pending).max().map { $0 + 1 } ?? 1
    }

    private func checkpointDirectory(_ id: Int) -> String {
        self.checkpointsDirectory + "/" + Self.name(id)
    }

    private static func name(_ id: Int) -> String {
        let digits = String(id)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// The digest and mode of the file at `full`, nil when there is none.
    private func state(at full: String) throws(ChangesError) -> CheckpointManifest.FileState? {
        let (kind, mode) = PosixFile.inspect(full)
        switch kind {
        case .missing: return nil
        case .regular:
            return CheckpointManifest.FileState(digest: ContentDigest(of: try PosixFile.read(full)), mode: mode)
        default: throw ChangesError(.io, "is not a regular file", path: full)
        }
    }

    /// The state of `full`, keeping its bytes as a blob.
    private func snapshot(
        _ full: String, into blobs: inout [ContentDigest: [UInt8]]
    ) throws(ChangesError)
        -> CheckpointManifest.FileState?
    {
        let (kind, mode) = PosixFile.inspect(full)
        if kind == .missing { return nil }
        guard kind == .regular else { throw ChangesError(.io, "is not a regular file", path: full) }
        let bytes = try PosixFile.read(full)
        let digest = ContentDigest(of: bytes)
        blobs[digest] = bytes
        return CheckpointManifest.FileState(digest: digest, mode: mode)
    }

    private func requireCurrent(
        _ expected: [(path: String, state: CheckpointManifest.FileState?)], checkpoint: Int, action: String
    ) throws(ChangesError) {
        for (path, state) in expected {
            let current = try self.state(at: try self.project.resolve(path))
            if current?.digest != state?.digest {
                throw ChangesError(
                    .laterEdit,
                    "changed after checkpoint \(checkpoint) (\(current == nil ? "deleted" : "edited")); \(action) would overwrite that, so nothing was changed",
                    path: path)
            }
        }
    }

    private func writeManifest(_ manifest: CheckpointManifest, to entry: String) throws(ChangesError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do {
            data = try encoder.encode(manifest)
        } catch {
            throw ChangesError(.io, "cannot encode the checkpoint manifest: \(error)")
        }
        try PosixFile.writeAtomically(entry + "/manifest.json", Array(data), mode: 0o600)
    }

    private func readManifest(_ directory: String) throws(ChangesError) -> CheckpointManifest {
        let bytes = try PosixFile.read(directory + "/manifest.json")
        do {
            let manifest = try JSONDecoder().decode(CheckpointManifest.self, from: Data(bytes))
            guard manifest.version == CheckpointManifest.currentVersion else {
                throw ChangesError(.corruptStore, "manifest version \(manifest.version) is not supported")
            }
            return manifest
        } catch let error as ChangesError {
            throw error
        } catch {
            throw ChangesError(.corruptStore, "cannot read \(directory)/manifest.json: \(error)")
        }
    }

    /// Removes directories left empty by deleting `full` (as git does) and returns the nearest
    /// directory that remains, whose entries changed. Neither the project nor the workspace
    /// directory itself is removed.
    private func removeEmptyParents(of full: String) -> String {
        var directory = FileSystem.parent(of: full)
        while directory != self.project.path && directory != self.workspace.path && self.project.contains(directory) {
            guard PosixFile.list(directory).isEmpty, rmdir(directory) == 0 else { return directory }
            directory = FileSystem.parent(of: directory)
        }
        return directory
    }

    private func pause() {
        if self.pauseMilliseconds > 0 { usleep(useconds_t(self.pauseMilliseconds * 1000)) }
    }
}
