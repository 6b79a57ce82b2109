import Basics
import TestSupport
import Testing

@testable import Diffing

/// Round trips against the real git: its diffs parse and format back byte for byte, and the diffs
/// we format are accepted by `git apply`.
@Suite("unified diffs and git", .dedicatedThreads)
struct GitRoundTripTests {
    /// A repository whose staged changes exercise every header kind git writes.
    private func repositoryWithEveryKindOfChange() throws -> ScratchGitRepository {
        let repository = try ScratchGitRepository("roundtrip")
        let body = (1...60).map { "line \($0) of the body" }
        try repository.write("src/main.c", "int main() {\n" + body.joined(separator: "\n") + "\n}\n")
        try repository.write("notes.txt", "first\nsecond\nlast without newline")
        try repository.write("grows.txt", "no newline yet")
        try repository.write("windows.txt", "alpha\r\nbeta\r\ngamma\r\n")
        try repository.write("gone.txt", "delete me\nplease\n")
        try repository.write("moved.txt", (1...20).map { "moved line \($0)\n" }.joined())
        try repository.write("renamed and edited.txt", (1...20).map { "edited line \($0)\n" }.joined())
        try repository.write("script.sh", "#!/bin/sh\necho hi\n")
        try repository.write("both.sh", "#!/bin/sh\necho one\n")
        try repository.write("image.bin", bytes: [0, 1, 2, 3, 0, 255, 254, 0, 10, 20])
        try repository.write("tabs\there.txt", "tab\n")
        try repository.commitAll("base")

        var edited = body
        edited[4] = "line 5 CHANGED"
        edited.insert("inserted after 30", at: 30)
        edited.remove(at: 50)
        try repository.write("src/main.c", "int main() {\n" + edited.joined(separator: "\n") + "\n}\n")
        try repository.write("notes.txt", "first\nsecond\nlast, still without newline")
        try repository.write("grows.txt", "no newline yet\n")
        try repository.write("windows.txt", "alpha\r\nBETA\r\ngamma\r\n")
        try repository.git("rm", "-q", "gone.txt")
        try FileSystem.createDirectories(repository.directory.appending("moved"))
        try repository.git("mv", "moved.txt", "moved/here.txt")
        try repository.git("mv", "renamed and edited.txt", "renamed.txt")
        try repository.write("renamed.txt", (1...20).map { $0 == 10 ? "EDITED\n" : "edited line \($0)\n" }.joined())
        _ = try Subprocess.run("/bin/chmod", ["+x", repository.directory.appending("script.sh")])
        try repository.write("both.sh", "#!/bin/sh\necho two\n")
        _ = try Subprocess.run("/bin/chmod", ["+x", repository.directory.appending("both.sh")])
        try repository.write("image.bin", bytes: [0, 1, 2, 3, 0, 255, 253, 0, 10, 21, 99])
        try repository.write("new/empty.txt", "")
        try repository.write("new/café.txt", "bonjour\n")
        try repository.write("tabs\there.txt", "tab changed\n")
        try repository.git("add", "-A")
        return repository
    }

    @Test("git's own diffs (text, renames, modes, binary markers, quoted paths) format back byte for byte")
    func gitDiffRoundTrip() throws {
        let repository = try self.repositoryWithEveryKindOfChange()
        let text = try repository.gitBytes(["diff", "--cached", "-M"])
        let diff = try UnifiedDiffParser.parse(text)
        #expect(diff.files.count >= 12)
        #expect(diff.formatted() == text)
        #expect(diff.files.contains { $0.isRename && $0.hunks.isEmpty })
        #expect(diff.files.contains { $0.binary != nil })
        #expect(diff.files.contains { $0.isCreation && $0.hunks.isEmpty })
        #expect(diff.files.contains { $0.newMode == "100755" && $0.oldMode == "100644" })
    }

    @Test("git binary patches and full-index diffs format back byte for byte")
    func gitBinaryPatchRoundTrip() throws {
        let repository = try self.repositoryWithEveryKindOfChange()
        let text = try repository.gitBytes(["diff", "--cached", "-M", "--binary", "--full-index"])
        let diff = try UnifiedDiffParser.parse(text)
        #expect(diff.formatted() == text)
        let binary = try #require(diff.files.first { $0.newPath(strip: 1) == "image.bin" })
        guard case .gitBinaryPatch(let lines)? = binary.binary else {
            Issue.record("expected a GIT binary patch, got \(String(describing: binary.binary))")
            return
        }
        #expect(lines.first?.hasPrefix("literal ") == true || lines.first?.hasPrefix("delta ") == true)
    }

    /// Works in shallow clones too: the recent non-merge commits that are present, plus the
    /// whole tree as a diff against git's empty tree.
    @Test("diffs of this repository's own history and tree round-trip")
    func ownHistoryRoundTrip() throws {
        let root = TestSupport.RepositoryLayout.root
        let log = try ScratchGitRepository.run(["log", "--no-merges", "-n", "10", "--format=%H"], in: root)
        try #require(log.succeeded, "git log failed in \(root): \(log.errorOutput)")
        var diffs: [[String]] = log.output.split(separator: "\n").map {
            ["show", "--format=", "-M", "--binary", String($0)]
        }
        diffs.append(["diff", "-M", "4b825dc642cb6eb9a060e54bf8d69288fbee4904", "HEAD"])
        var files = 0
        for arguments in diffs {
            let result = try ScratchGitRepository.run(arguments, in: root)
            try #require(result.succeeded, "git \(arguments.joined(separator: " ")) failed: \(result.errorOutput)")
            let diff = try UnifiedDiffParser.parse(result.standardOutput)
            files += diff.files.count
            #expect(diff.formatted() == result.standardOutput, "git \(arguments.joined(separator: " "))")
        }
        #expect(files > 50)
    }

    /// Pairs of (old, new) file contents covering the awkward cases.
    private static let cases: [(name: String, old: String?, new: String?)] = [
        (
            "several-hunks.txt", (1...40).map { "l\($0)\n" }.joined(),
            (1...40).map { [3, 20, 37].contains($0) ? "L\($0)!\n" : "l\($0)\n" }.joined()
        ),
        ("no-final-newline.txt", "a\nb\nc", "a\nB\nc"),
        ("adds-final-newline.txt", "a\nb", "a\nb\n"),
        ("drops-final-newline.txt", "a\nb\n", "a\nb"),
        ("crlf.txt", "one\r\ntwo\r\nthree\r\n", "one\r\n2\r\nthree\r\nfour\r\n"),
        ("mixed endings.txt", "one\r\ntwo\nthree\r\n", "one\r\ntwo changed\nthree\r\n"),
        ("created.txt", nil, "brand\nnew\n"),
        ("deleted.txt", "old\ncontent\n", nil),
        ("emptied.txt", "x\ny\n", ""),
    ]

    @Test("diffs we format pass git apply --check and git apply reproduces the new files exactly")
    func ourDiffsApplyWithGit() throws {
        let repository = try ScratchGitRepository("apply")
        for entry in Self.cases {
            if let old = entry.old { try repository.write(entry.name, old) }
        }
        try repository.write("keep.txt", "unchanged\n")
        try repository.commitAll("base")
        var patch: [UInt8] = []
        for entry in Self.cases {
            let diff = TextDiff(old: TextLines(entry.old ?? ""), new: TextLines(entry.new ?? ""))
            let file = diff.fileDiff(
                oldPath: entry.old == nil ? nil : entry.name, newPath: entry.new == nil ? nil : entry.name)
            file.format(into: &patch)
        }
        try repository.write("../change.patch", bytes: patch)
        let patchPath = repository.directory.appending("../change.patch")
        defer { _ = try? Subprocess.run("/bin/rm", ["-f", patchPath]) }
        try repository.git("apply", "--check", patchPath)
        try repository.git("apply", patchPath)
        for entry in Self.cases {
            if let new = entry.new {
                #expect(try repository.read(entry.name) == Array(new.utf8), "\(entry.name)")
            } else {
                #expect(!FileSystem.exists(repository.directory.appending(entry.name)), "\(entry.name) still exists")
            }
        }
    }

    @Test("a rename with edits that we format applies with git")
    func ourRenameApplies() throws {
        let repository = try ScratchGitRepository("rename")
        let old = (1...10).map { "row \($0)\n" }.joined()
        let new = (1...10).map { $0 == 5 ? "ROW 5\n" : "row \($0)\n" }.joined()
        try repository.write("from.txt", old)
        try repository.commitAll("base")
        let file = TextDiff(old: TextLines(old), new: TextLines(new)).fileDiff(
            oldPath: "from.txt", newPath: "dir/to.txt")
        try repository.git(["apply", "--index", "-"], input: file.formatted)
        #expect(try repository.read("dir/to.txt") == Array(new.utf8))
        #expect(!FileSystem.exists(repository.directory.appending("from.txt")))
    }
}
