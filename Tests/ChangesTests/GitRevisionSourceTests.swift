import Basics
import TestSupport
import Testing

@testable import Changes

/// `seam review --git REV` reads a commit's edits through git; a revision that cannot be read
/// is one clear line naming it.
@Suite("git revision source", .dedicatedThreads)
struct GitRevisionSourceTests {
    /// A repository with two commits (the second edits `a.txt`) and a tag on the first.
    /// (Keep the repository alive while the workspace is used: dropping it removes the directory.)
    private static func repository() throws -> (ScratchGitRepository, WorkspaceRoot) {
        let repository = try ScratchGitRepository("revision")
        try repository.write("a.txt", "alpha\n")
        try repository.commitAll("first")
        try repository.git("tag", "v1")
        try repository.write("a.txt", "ALPHA\n")
        try repository.commitAll("second")
        return (repository, try WorkspaceRoot(repository.path))
    }

    /// The error `proposal(revision:)` throws, or nil when it succeeds.
    private static func error(_ revision: String, in workspace: WorkspaceRoot) -> ChangesError? {
        do {
            _ = try GitRevisionSource.proposal(revision: revision, workspace: workspace)
            return nil
        } catch {
            return error
        }
    }

    @Test("a commit gives its edits and a title with its id and subject")
    func commit() throws {
        let (repository, workspace) = try Self.repository()
        defer { withExtendedLifetime(repository) {} }
        let source = try GitRevisionSource.proposal(revision: "HEAD", workspace: workspace)
        #expect(source.title.hasPrefix("git ") && source.title.hasSuffix(" second"))
        let changeset = ChangesetBuilder(workspace: workspace).build(source.proposal, title: source.title)
        #expect(changeset.files.map(\.path) == ["a.txt"])
    }

    /// Regression: `--git nope` failed with "git rev-parse failed: " and nothing after it, since
    /// `rev-parse --quiet` says nothing on standard error.
    @Test("a revision that does not exist names itself and quotes git, on one line")
    func missingRevision() throws {
        let (repository, workspace) = try Self.repository()
        defer { withExtendedLifetime(repository) {} }
        let error = try #require(Self.error("no-such-branch", in: workspace))
        #expect(error.message.hasPrefix("revision 'no-such-branch' is not a commit in \(workspace.path) (git: "))
        #expect(error.message.contains("no-such-branch'"), "git's own complaint names it too: \(error.message)")
        #expect(!error.description.contains("\n"))
        #expect(!error.message.hasSuffix("(git: )"))
    }

    @Test("a tree or blob is not a commit; a tag of a commit is one")
    func notACommit() throws {
        let (repository, workspace) = try Self.repository()
        defer { withExtendedLifetime(repository) {} }
        #expect(Self.error("HEAD^{tree}", in: workspace)?.message == "revision 'HEAD^{tree}' names a tree, not a commit")
        #expect(Self.error("HEAD:a.txt", in: workspace)?.message == "revision 'HEAD:a.txt' names a blob, not a commit")
        #expect(Self.error("v1", in: workspace) == nil)
    }

    @Test("an empty revision, an option and a directory outside git are refused before reading anything")
    func badInput() throws {
        let (repository, workspace) = try Self.repository()
        defer { withExtendedLifetime(repository) {} }
        #expect(Self.error("  ", in: workspace)?.message == "--git needs a revision (a commit, branch or tag)")
        #expect(Self.error("--all", in: workspace)?.message.contains("is not a revision") == true)
        let plain = try TemporaryDirectory("not-git")
        let outside = try #require(Self.error("HEAD", in: try WorkspaceRoot(plain.path)))
        #expect(outside.message.hasPrefix("cannot read revision 'HEAD': \(plain.path) is not in a git repository (git: "))
        #expect(!outside.description.contains("\n"))
    }
}
