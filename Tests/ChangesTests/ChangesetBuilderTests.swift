import Basics
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import Changes

@Suite("changeset builder")
struct ChangesetBuilderTests {
    @Test("an LF patch on a CRLF file keeps every line CRLF")
    func crlfFile() throws {
        let workspace = try TestWorkspace(["win.txt": "one\r\ntwo\r\nthree\r\n"])
        let result = workspace.result(
            "--- a/win.txt\n+++ b/win.txt\n@@ -1,3 +1,4 @@\n one\n-two\n+TWO\n+2.5\n three\n", path: "win.txt")
        #expect(result == "one\r\nTWO\r\n2.5\r\nthree\r\n")
    }

    @Test("a git diff of a CRLF file (carriage returns in the patch) applies byte for byte")
    func crlfFaithfulPatch() throws {
        let workspace = try TestWorkspace(["win.txt": "one\r\ntwo\r\nthree\r\n"])
        let patch = "--- a/win.txt\r\n+++ b/win.txt\r\n@@ -1,3 +1,3 @@\r\n one\r\n-two\r\n+2\r\n three\r\n"
        #expect(workspace.result(patch, path: "win.txt") == "one\r\n2\r\nthree\r\n")
    }

    @Test("a file without a final newline keeps it missing unless the patch says otherwise")
    func finalNewline() throws {
        let workspace = try TestWorkspace(["a.txt": "x\ny\nz", "b.txt": "x\ny\nz"])
        // The model does not know about the missing newline and appends a line.
        #expect(
            workspace.result("--- a/a.txt\n+++ b/a.txt\n@@ -2,2 +2,3 @@\n y\n z\n+w\n", path: "a.txt") == "x\ny\nz\nw")
        // A git diff that adds the newline says so with the marker.
        let patch = "--- a/b.txt\n+++ b/b.txt\n@@ -2,2 +2,2 @@\n y\n-z\n\\ No newline at end of file\n+z\n"
        #expect(workspace.result(patch, path: "b.txt") == "x\ny\nz\n")
    }

    @Test("a UTF-8 BOM survives a whole-file replacement, which takes the file's CRLF endings")
    func bomAndWholeFile() throws {
        let workspace = try TestWorkspace()
        try workspace.write("c.cs", bytes: [0xEF, 0xBB, 0xBF] + Array("class A {\r\n}\r\n".utf8))
        let changeset = workspace.changeset("c.cs\n```csharp\nclass B {\n}\n```\n")
        #expect(changeset.files.first?.blocks.count == 1)
        let result = workspace.acceptAll("c.cs\n```csharp\nclass B {\n}\n```\n").first?.content
        #expect(result == [0xEF, 0xBB, 0xBF] + Array("class B {\r\n}\r\n".utf8))
    }

    @Test("paths outside the workspace are refused: '..', absolute, home, .git, symlinked directories, symlinks")
    func escapingPaths() throws {
        let outside = try TemporaryDirectory("outside")
        try outside.write("secret.txt", "secret\n")
        let workspace = try TestWorkspace(["inside.txt": "ok\n"])
        #expect(symlink(outside.path, workspace.directory.appending("escape")) == 0)
        #expect(symlink(workspace.directory.appending("inside.txt"), workspace.directory.appending("link.txt")) == 0)
        let cases = [
            ("../outside.txt", "'..'"), ("/etc/passwd", "absolute"), ("~/x", "home"), (".git/config", ".git"),
            ("escape/secret.txt", "leads outside"), ("link.txt", "symbolic link"), ("a/../../b", "'..'"),
        ]
        for (path, reason) in cases {
            let changeset = workspace.changeset("\(path)\n<<<<<<< SEARCH\nsecret\n=======\nmine\n>>>>>>> REPLACE\n")
            let file = try #require(changeset.files.first)
            #expect(file.refusal?.contains(reason) == true, "\(path): \(file.refusal ?? "not refused")")
            #expect(file.hunks.allSatisfy { !$0.outcome.isApplied })
        }
        #expect(try TestFiles.readText(outside.appending("secret.txt")) == "secret\n")
    }

    @Test("binary files are listed and refused when the patch carries no content, never mangled")
    func binaryFiles() throws {
        let workspace = try TestWorkspace()
        try workspace.write("logo.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02])
        let patch =
            "diff --git a/logo.png b/logo.png\nindex 1111111..2222222 100644\nBinary files a/logo.png and b/logo.png differ\n"
        let changeset = workspace.changeset(patch)
        let file = try #require(changeset.files.first)
        #expect(file.refusal?.contains("binary") == true)
        #expect(file.base.isBinary)
        let hunk = "--- a/logo.png\n+++ b/logo.png\n@@ -1 +1 @@\n-x\n+y\n"
        #expect(workspace.changeset(hunk).files.first?.refusal?.contains("binary file") == true)
    }

    @Test("renames, mode changes, creations and deletions from a git diff")
    func fileOperations() throws {
        let workspace = try TestWorkspace(["old.sh": "echo 1\necho 2\n", "gone.txt": "bye\n"])
        let patch = """
            diff --git a/old.sh b/bin/new.sh
            old mode 100644
            new mode 100755
            similarity index 80%
            rename from old.sh
            rename to bin/new.sh
            --- a/old.sh
            +++ b/bin/new.sh
            @@ -1,2 +1,2 @@
             echo 1
            -echo 2
            +echo two
            diff --git a/gone.txt b/gone.txt
            deleted file mode 100644
            --- a/gone.txt
            +++ /dev/null
            @@ -1 +0,0 @@
            -bye
            diff --git a/docs/new.md b/docs/new.md
            new file mode 100644
            --- /dev/null
            +++ b/docs/new.md
            @@ -0,0 +1,2 @@
            +# New
            +doc

            """
        let changeset = workspace.changeset(patch)
        #expect(changeset.files.map(\.path) == ["bin/new.sh", "gone.txt", "docs/new.md"])
        let renamed = changeset.files[0]
        #expect(renamed.originalPath == "old.sh")
        #expect(renamed.newMode == 0o755)
        #expect(renamed.fileOperationDescription == "rename old.sh → bin/new.sh; mode 644 → 755")
        #expect(changeset.files[1].kind == .delete)
        #expect(changeset.files[2].kind == .create)
        let resolved = workspace.acceptAll(patch)
        #expect(resolved.count == 3)
        let script = try #require(resolved.first { $0.path == "bin/new.sh" })
        #expect(script.sourcePath == "old.sh" && script.mode == 0o755)
        #expect(script.content == Array("echo 1\necho two\n".utf8))
        #expect(resolved.contains { $0.path == "gone.txt" && $0.content == nil })
        #expect(resolved.contains { $0.path == "docs/new.md" && $0.content == Array("# New\ndoc\n".utf8) })
    }

    @Test("a git copy creates the new file from the copied one with its hunks; the source stays as it is")
    func copies() throws {
        let workspace = try TestWorkspace(["one.txt": "a\nb\nc\n"])
        let patch = """
            diff --git a/one.txt b/two.txt
            similarity index 66%
            copy from one.txt
            copy to two.txt
            --- a/one.txt
            +++ b/two.txt
            @@ -1,3 +1,3 @@
             a
            -b
            +B
             c
            diff --git a/one.txt b/three.txt
            similarity index 100%
            copy from one.txt
            copy to three.txt

            """
        let changeset = workspace.changeset(patch)
        #expect(changeset.files.map(\.path) == ["two.txt", "three.txt"])
        let copy = try #require(changeset.files.first)
        #expect(copy.refusal == nil)
        #expect(copy.kind == .create && copy.copiedFrom == "one.txt")
        #expect(copy.fileOperationDescription == "copy one.txt → two.txt (3 lines)")
        #expect(copy.hunks.map(\.outcome.isApplied) == [true])
        let resolved = workspace.acceptAll(patch)
        #expect(resolved.count == 2)
        #expect(resolved.contains { $0.path == "two.txt" && $0.content == Array("a\nB\nc\n".utf8) && !$0.base.exists })
        #expect(resolved.contains { $0.path == "three.txt" && $0.content == Array("a\nb\nc\n".utf8) })
        #expect(!resolved.contains { $0.path == "one.txt" || $0.sourcePath == "one.txt" }, "the source is not touched")
        // Undecided (pending counts as rejected), the copy is not made.
        #expect(ChangeReview(changeset).resolved(pending: .rejected).isEmpty)
    }

    @Test("a copy onto an existing file, or of a missing one, is refused with the reason")
    func copyRefusals() throws {
        let workspace = try TestWorkspace(["one.txt": "a\n", "two.txt": "here\n"])
        let onto = "diff --git a/one.txt b/two.txt\nsimilarity index 100%\ncopy from one.txt\ncopy to two.txt\n"
        #expect(workspace.changeset(onto).files.first?.refusal?.contains("two.txt already exists") == true)
        let missing = "diff --git a/gone.txt b/new.txt\nsimilarity index 100%\ncopy from gone.txt\ncopy to new.txt\n"
        #expect(workspace.changeset(missing).files.first?.refusal?.contains("does not exist") == true)
        #expect(workspace.acceptAll(onto).isEmpty && workspace.acceptAll(missing).isEmpty)
    }

    @Test("a deletion whose listed lines differ from the file is refused")
    func deletionOfChangedFile() throws {
        let workspace = try TestWorkspace(["gone.txt": "changed since\n"])
        let changeset = workspace.changeset("--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n")
        #expect(changeset.files.first?.refusal?.contains("differs") == true)
    }

    @Test("a missing file and a file created twice are refused with the reason")
    func missingAndExisting() throws {
        let workspace = try TestWorkspace(["here.txt": "x\n"])
        #expect(
            workspace.changeset("--- a/nothere.txt\n+++ b/nothere.txt\n@@ -1 +1 @@\n-a\n+b\n").files.first?.refusal
                == "does not exist")
        let create = "*** Begin Patch\n*** Add File: here.txt\n+y\n*** End Patch\n"
        #expect(workspace.changeset(create).files.first?.refusal?.contains("already exists") == true)
    }

    @Test("an empty SEARCH creates a missing file")
    func searchReplaceCreates() throws {
        let workspace = try TestWorkspace()
        #expect(
            workspace.result("new/file.txt\n<<<<<<< SEARCH\n=======\nhello\n>>>>>>> REPLACE\n", path: "new/file.txt")
                == "hello\n")
    }

    @Test("a whole-file block much shorter than the file is warned about")
    func shortWholeFile() throws {
        let workspace = try TestWorkspace(["big.txt": (1...40).map { "line \($0)\n" }.joined()])
        let changeset = workspace.changeset("big.txt\n```\nline 1\n```\n")
        #expect(changeset.diagnostics.contains { $0.severity == .warning && $0.message.contains("snippet") })
    }
}

extension ChangesetBuilderTests {
    @Test("a diff creating a symbolic link is refused, not written as a regular file")
    func symbolicLinkCreation() throws {
        let workspace = try TestWorkspace()
        let patch = """
            diff --git a/link b/link
            new file mode 120000
            --- /dev/null
            +++ b/link
            @@ -0,0 +1 @@
            +target.txt
            \\ No newline at end of file

            """
        let file = try #require(workspace.changeset(patch).files.first)
        #expect(file.refusal?.contains("a symbolic link (mode 120000)") == true)
        #expect(workspace.acceptAll(patch).isEmpty)
    }

    @Test("a new executable file gets its mode with the content, not as a separate decision")
    func newExecutable() throws {
        let workspace = try TestWorkspace()
        let patch = "diff --git a/run.sh b/run.sh\nnew file mode 100755\n--- /dev/null\n+++ b/run.sh\n@@ -0,0 +1 @@\n+echo hi\n"
        let file = try #require(workspace.changeset(patch).files.first)
        #expect(!file.hasFileOperation)
        #expect(workspace.acceptAll(patch).first?.mode == 0o755)
    }
}
