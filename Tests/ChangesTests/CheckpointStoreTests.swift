import Basics
import FoundationEssentials
import TestSupport
import Testing

@testable import Changes

@Suite("checkpoint store")
struct CheckpointStoreTests {
    /// A workspace, a data directory for the store (kept alive with it), and the store.
    private final class Fixture {
        let workspace: TestWorkspace
        let data: TemporaryDirectory
        let store: CheckpointStore

        init(_ files: [String: String]) throws {
            self.workspace = try TestWorkspace(files)
            self.data = try TemporaryDirectory("data")
            self.store = try CheckpointStore(
                workspace: self.workspace.root, environment: ["XDG_DATA_HOME": self.data.path, "HOME": self.data.path])
        }
    }

    private static let patch = """
        diff --git a/a.txt b/a.txt
        --- a/a.txt
        +++ b/a.txt
        @@ -1,2 +1,2 @@
        -alpha
        +ALPHA
         beta
        diff --git a/old.txt b/new.txt
        similarity index 100%
        rename from old.txt
        rename to new.txt
        diff --git a/made.txt b/made.txt
        new file mode 100755
        --- /dev/null
        +++ b/made.txt
        @@ -0,0 +1 @@
        +made

        """

    @Test("apply writes every file, undo restores them, redo writes them again; log lists the checkpoint")
    func applyUndoRedo() throws {
        let fixture = try Fixture(["a.txt": "alpha\nbeta\n", "old.txt": "moved\n"])
        let workspace = fixture.workspace
        let store = fixture.store
        let data = fixture.data
        let id = try store.apply(workspace.acceptAll(Self.patch), title: "fix")
        #expect(id == 1)
        #expect(try workspace.read("a.txt") == "ALPHA\nbeta\n")
        #expect(try workspace.read("new.txt") == "moved\n" && !workspace.exists("old.txt"))
        #expect(try workspace.read("made.txt") == "made\n")
        #expect(PosixFile.inspect(workspace.directory.appending("made.txt")).mode & 0o111 != 0)
        #expect(!data.path.isEmpty && !store.directory.hasPrefix(workspace.root.path))
        let log = try store.log()
        #expect(log.map(\.id) == [1] && log[0].title == "fix" && !log[0].isUndone)

        let undone = try store.undo()
        #expect(undone.id == 1)
        #expect(try workspace.read("a.txt") == "alpha\nbeta\n")
        #expect(
            try workspace.read("old.txt") == "moved\n" && !workspace.exists("new.txt") && !workspace.exists("made.txt"))
        #expect(try store.log().first?.isUndone == true)
        #expect(throws: ChangesError.self) { try store.undo() }

        try store.redo()
        #expect(try workspace.read("a.txt") == "ALPHA\nbeta\n")
        #expect(try workspace.read("made.txt") == "made\n")
        #expect(throws: ChangesError.self) { try store.redo() }
    }

    @Test("a file changed on disk after the proposal is refused and nothing is written")
    func staleFile() throws {
        let fixture = try Fixture(["a.txt": "alpha\nbeta\n", "old.txt": "moved\n"])
        let workspace = fixture.workspace
        let store = fixture.store
        let resolved = workspace.acceptAll(Self.patch)
        try workspace.write("a.txt", "alpha\nbeta\nedited meanwhile\n")
        do {
            try store.apply(resolved, title: "fix")
            Issue.record("the apply should have been refused")
        } catch {
            #expect(error.code == .staleFile)
            #expect(error.path == "a.txt")
        }
        #expect(try workspace.read("a.txt") == "alpha\nbeta\nedited meanwhile\n")
        #expect(workspace.exists("old.txt") && !workspace.exists("made.txt"))
        #expect(try store.log().isEmpty)
    }

    @Test("undo refuses to overwrite a later edit and names the file")
    func undoRefusesLaterEdit() throws {
        let fixture = try Fixture(["a.txt": "alpha\nbeta\n", "old.txt": "moved\n"])
        let workspace = fixture.workspace
        let store = fixture.store
        try store.apply(workspace.acceptAll(Self.patch), title: "fix")
        try workspace.write("made.txt", "my own edit\n")
        do {
            try store.undo()
            Issue.record("undo should have been refused")
        } catch {
            #expect(error.code == .laterEdit)
            #expect(error.path == "made.txt")
        }
        #expect(try workspace.read("a.txt") == "ALPHA\nbeta\n")
    }

    @Test("a new apply after an undo drops the redo history")
    func applyClearsRedo() throws {
        let fixture = try Fixture(["a.txt": "alpha\nbeta\n", "old.txt": "moved\n"])
        let workspace = fixture.workspace
        let store = fixture.store
        try store.apply(workspace.acceptAll(Self.patch), title: "first")
        try store.undo()
        let second = try store.apply(
            workspace.acceptAll("--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-alpha\n+Alpha\n"), title: "second")
        #expect(second == 2)
        #expect(try store.log().map(\.id) == [2])
        #expect(throws: ChangesError.self) { try store.redo() }
    }

    /// Regression: the workbench opened on a subdirectory kept its own history, so `seam undo`
    /// at the repository's top level did not see its applies (and the reverse).
    @Test("a store opened on a subdirectory is the project's store: one history, project-relative paths")
    func oneStorePerProject() throws {
        // A `.git` marks the project's top level (WorkspaceRoot.containing needs no git run).
        let project = try TestWorkspace([
            ".git/HEAD": "ref: refs/heads/main\n", "app/src/a.txt": "alpha\nbeta\n", "top.txt": "top\n",
        ])
        let data = try TemporaryDirectory("data")
        let environment = ["XDG_DATA_HOME": data.path, "HOME": data.path]
        let subdirectory = try WorkspaceRoot(project.directory.appending("app"))
        let nested = try CheckpointStore(workspace: subdirectory, environment: environment)
        let top = try CheckpointStore(workspace: project.root, environment: environment)
        #expect(nested.project.path == project.root.path)
        #expect(nested.workspace.path == subdirectory.path)
        #expect(nested.directory == top.directory)

        // Applied from the subdirectory (paths relative to it), listed and undone from the top.
        let changes = ChangesetBuilder(workspace: subdirectory).build(
            text: Array("--- a/src/a.txt\n+++ b/src/a.txt\n@@ -1 +1 @@\n-alpha\n+ALPHA\n".utf8), title: "nested")
        var review = ChangeReview(changes)
        review.decideAll(.accepted)
        #expect(try nested.apply(review.resolved(), title: "nested") == 1)
        #expect(try project.read("app/src/a.txt") == "ALPHA\nbeta\n")
        #expect(try top.log().map(\.paths) == [["app/src/a.txt"]])
        let undone = try top.undo()
        #expect(undone.id == 1)
        #expect(try project.read("app/src/a.txt") == "alpha\nbeta\n")

        // Redone from the subdirectory; a later edit is named by its project path.
        try nested.redo()
        #expect(try project.read("app/src/a.txt") == "ALPHA\nbeta\n")
        try project.write("app/src/a.txt", "mine\n")
        do {
            try nested.undo()
            Issue.record("undo should have been refused")
        } catch {
            #expect(error.code == .laterEdit && error.path == "app/src/a.txt")
        }

        // Deleting the subdirectory's only file removes the emptied folders below it, never the
        // subdirectory the store was opened on.
        try project.write("app/src/a.txt", "ALPHA\nbeta\n")
        let deletion = ChangesetBuilder(workspace: subdirectory).build(
            text: Array("--- a/src/a.txt\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-ALPHA\n-beta\n".utf8), title: "delete")
        var deleting = ChangeReview(deletion)
        deleting.decideAll(.accepted)
        try nested.apply(deleting.resolved(), title: "delete")
        #expect(!project.exists("app/src"))
        #expect(FileSystem.isDirectory(subdirectory.path))
        #expect(try top.log().map(\.title) == ["nested", "delete"])
    }

    @Test("recovery discards a journal entry without a manifest (nothing had been written)")
    func recoveryDiscardsUnfinishedJournal() throws {
        let fixture = try Fixture(["a.txt": "alpha\nbeta\n"])
        let workspace = fixture.workspace
        let store = fixture.store
        try FileSystem.createDirectories(store.journalDirectory + "/apply-000001/blobs")
        let messages = try store.recover()
        #expect(messages.count == 1 && messages[0].contains("discarded"))
        #expect(PosixFile.list(store.journalDirectory).isEmpty)
        #expect(try workspace.read("a.txt") == "alpha\nbeta\n")
        #expect(try store.log().isEmpty)
    }

    @Test("recovery rolls a journal with a manifest forward and makes it a checkpoint")
    func recoveryRollsForward() throws {
        let fixture = try Fixture(["a.txt": "alpha\n", "b.txt": "beta\n"])
        let workspace = fixture.workspace
        let store = fixture.store
        let entry = store.journalDirectory + "/apply-000001"
        try FileSystem.createDirectories(entry + "/blobs")
        var records: [CheckpointManifest.FileRecord] = []
        for (path, old, new) in [("a.txt", "alpha\n", "ALPHA\n"), ("b.txt", "beta\n", "BETA\n")] {
            let before = ContentDigest(of: Array(old.utf8))
            let after = ContentDigest(of: Array(new.utf8))
            try TestFiles.write(entry + "/blobs/" + before.hex, bytes: Array(old.utf8))
            try TestFiles.write(entry + "/blobs/" + after.hex, bytes: Array(new.utf8))
            records.append(
                .init(path: path, before: .init(digest: before, mode: 0o644), after: .init(digest: after, mode: 0o644)))
        }
        // The crash happened after a.txt was written.
        try workspace.write("a.txt", "ALPHA\n")
        let manifest = CheckpointManifest(
            version: 1, kind: .apply, checkpoint: 1, title: "crashed", date: 0, files: records)
        try TestFiles.write(entry + "/manifest.json", bytes: Array(try JSONEncoder().encode(manifest)))
        let messages = try store.recover()
        #expect(messages.count == 1 && messages[0].contains("completed an interrupted apply"))
        #expect(try workspace.read("a.txt") == "ALPHA\n" && workspace.read("b.txt") == "BETA\n")
        #expect(try store.log().map(\.title) == ["crashed"])
        try store.undo()
        #expect(try workspace.read("a.txt") == "alpha\n" && workspace.read("b.txt") == "beta\n")
    }

    @Test("a damaged manifest is reported as a corrupt store, not a crash")
    func corruptManifest() throws {
        let fixture = try Fixture(["a.txt": "alpha\n"])
        let store = fixture.store
        let entry = store.checkpointsDirectory + "/000001"
        try FileSystem.createDirectories(entry)
        try TestFiles.write(entry + "/manifest.json", bytes: Array("{not json".utf8))
        do {
            _ = try store.log()
            Issue.record("log should have failed")
        } catch {
            #expect(error.code == .corruptStore)
        }
    }
}
